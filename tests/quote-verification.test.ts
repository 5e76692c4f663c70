import { describe, expect, it } from 'vitest';
import type { Article, Paragraph } from '../src/articles/types.js';
import { groundAnswer } from '../src/answering/grounding.js';
import { splitSentences } from '../src/answering/sentences.js';
import type { Passage } from '../src/domain/types.js';
import { locateQuote } from '../src/answering/verify-quote.js';

const texts = [
  'Officials said the plan was “on hold” — for now — after talks in Geneva.',
  'The ministry’s spokesman, Mr. Lee, declined to comment on the U.S. proposal.',
  'Analysts warn the pause could embolden further intrusions.',
];
const paragraphs: Paragraph[] = texts.map((text, index) => ({ articleId: 'a', n: index + 1, text }));
const article: Article = { id: 'a', title: 'A test story', file: 'a.txt', paragraphs };
const passages: Passage[] = paragraphs.map((paragraph) => ({ article, paragraph, score: 1 }));

describe('locateQuote', () => {
  it('matches across curly/straight quotes, dashes, case and whitespace, returning the article text', () => {
    const found = locateQuote(paragraphs[0]!, 'the plan was "ON HOLD" - for   now');
    expect(found).toBe('the plan was “on hold” — for now');
  });

  it('accepts an apostrophe variant', () => {
    expect(locateQuote(paragraphs[1]!, "The ministry's spokesman")).toBe('The ministry’s spokesman');
  });

  it('rejects reworded, partial-word and one-word quotes', () => {
    expect(locateQuote(paragraphs[2]!, 'the pause might embolden intrusions')).toBeUndefined();
    expect(locateQuote(paragraphs[2]!, 'alysts warn')).toBeUndefined();
    expect(locateQuote(paragraphs[2]!, 'pause')).toBeUndefined();
  });

  it('ignores surrounding punctuation and keeps the longest verbatim piece of an elided quote', () => {
    expect(locateQuote(paragraphs[2]!, '"Analysts warn the pause."')).toBe('Analysts warn the pause');
    expect(locateQuote(paragraphs[2]!, 'Analysts warn ... could embolden further intrusions')).toBe(
      'could embolden further intrusions',
    );
  });
});

describe('groundAnswer', () => {
  it('keeps verified quotes and renumbers markers in order of first use', () => {
    const result = groundAnswer(
      'Analysts see risk [3]. The plan is paused [1].',
      [
        { source: 3, quote: 'the pause could embolden further intrusions' },
        { source: 1, quote: 'the plan was "on hold"' },
      ],
      passages,
      article,
    );
    expect(result.text).toBe('Analysts see risk [1]. The plan is paused [2].');
    expect(result.citations.map((citation) => [citation.n, citation.paragraph])).toEqual([
      [1, 3],
      [2, 1],
    ]);
    expect(result.dropped).toBe(0);
  });

  it('drops a fabricated quote and the sentence resting only on it', () => {
    const result = groundAnswer(
      'The plan is paused [1]. Officials promised sanctions by May [2].',
      [
        { source: 1, quote: 'the plan was “on hold”' },
        { source: 2, quote: 'sanctions will come by May' },
      ],
      passages,
      article,
    );
    expect(result.text).toBe('The plan is paused [1].');
    expect(result.citations).toHaveLength(1);
    expect(result.dropped).toBe(1);
    expect(result.removedSentences).toBe(1);
  });

  it('re-attributes a quote cited to the wrong passage', () => {
    const result = groundAnswer(
      'Mr. Lee declined to comment [1].',
      [{ source: 1, quote: 'declined to comment on the U.S. proposal' }],
      passages,
      article,
    );
    expect(result.citations).toEqual([
      {
        n: 1,
        articleId: 'a',
        paragraph: 2,
        quote: 'declined to comment on the U.S. proposal',
        verified: true,
      },
    ]);
    expect(result.text).toBe('Mr. Lee declined to comment [1].');
  });

  it('keeps a sentence with one surviving marker out of two, and sentences without markers', () => {
    const result = groundAnswer(
      'It was paused [1][2]. The article does not say for how long.',
      [
        { source: 1, quote: 'the plan was “on hold”' },
        { source: 2, quote: 'made-up words here' },
      ],
      passages,
      article,
    );
    expect(result.text).toBe('It was paused [1]. The article does not say for how long.');
  });

  it('handles comma lists of markers and markers after the full stop', () => {
    const result = groundAnswer(
      'Paused and criticised. [1, 3]',
      [
        { source: 1, quote: 'on hold' },
        { source: 3, quote: 'Analysts warn' },
      ],
      passages,
      article,
    );
    expect(result.text).toBe('Paused and criticised. [1] [2]');
  });
});

describe('splitSentences', () => {
  it('keeps abbreviations and trailing markers with their sentence', () => {
    expect(splitSentences('The U.S. paused it. [1] Mr. Lee said no [2]. Why? Nobody knows.')).toEqual([
      'The U.S. paused it. [1]',
      'Mr. Lee said no [2].',
      'Why?',
      'Nobody knows.',
    ]);
  });
});
