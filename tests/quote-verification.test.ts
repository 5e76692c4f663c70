import { beforeAll, describe, expect, it } from 'vitest';
import type { Article, Paragraph } from '../src/articles/types.js';
import { checkClaim, isSubstantial } from '../src/answering/grounding/grounding.js';
import { loadNlp } from '../src/text/nlp.js';
import { splitSentences } from '../src/text/sentences.js';
import type { Passage } from '../src/domain/types.js';
import { locateQuote, verifyQuote } from '../src/answering/grounding/verify-quote.js';

const texts = [
  'Officials said the plan was “on hold” — for now — after talks in Geneva.',
  'The ministry’s spokesman, Mr. Lee, declined to comment on the U.S. proposal.',
  'Analysts warn the pause could embolden further intrusions.',
  'The talks ended without a deal. Negotiators will meet again in spring.',
];
const paragraphs: Paragraph[] = texts.map((text, index) => ({ articleId: 'a', n: index + 1, text }));
const article: Article = { id: 'a', title: 'A test story', file: 'a.txt', paragraphs };
const passages: Passage[] = paragraphs.map((paragraph) => ({ article, paragraph, score: 1 }));
const p = (n: number) => paragraphs[n - 1]!;

beforeAll(() => loadNlp());

describe('verifyQuote', () => {
  it('matches across curly/straight quotes, dashes, case and whitespace, returning the article text', () => {
    expect(locateQuote(p(1), 'the plan was "ON HOLD" - for   now')).toBe('the plan was “on hold” — for now');
    expect(locateQuote(p(2), "The ministry's spokesman")).toBe('The ministry’s spokesman');
  });

  it('rejects reworded and partial-word quotes', () => {
    expect(locateQuote(p(3), 'the pause might embolden intrusions')).toBeUndefined();
    expect(locateQuote(p(3), 'alysts warn')).toBeUndefined();
  });

  it('an ellipsis quote: every fragment verified, in order, in one paragraph, shown with "…"', () => {
    expect(locateQuote(p(3), 'Analysts warn ... could embolden further intrusions')).toBe(
      'Analysts warn … could embolden further intrusions',
    );
    // An invented half behind the ellipsis fails the whole quote.
    expect(locateQuote(p(3), 'Analysts warn … sanctions will follow in May')).toBeUndefined();
    // Fragments out of order, or from two paragraphs, fail.
    expect(locateQuote(p(3), 'could embolden further intrusions … Analysts warn')).toBeUndefined();
    expect(verifyQuote('Analysts warn … declined to comment', paragraphs)).toBeUndefined();
  });

  it('strips a copied marker and never shows a bracketed insertion', () => {
    expect(locateQuote(p(3), 'the pause could embolden further intrusions [3]')).toBe(
      'the pause could embolden further intrusions',
    );
    expect(locateQuote(p(2), '[Lee] declined to comment on the U.S. proposal')).toBe(
      'declined to comment on the U.S. proposal',
    );
    expect(locateQuote(p(3), 'Analysts warn [that] the pause could embolden')).toBe(
      'Analysts warn the pause could embolden',
    );
  });

  it('splits a quote running across two passages and verifies each part', () => {
    const found = verifyQuote('embolden further intrusions. The talks ended without a deal', paragraphs);
    expect(found?.map((match) => [match.paragraph.n, match.text])).toEqual([
      [3, 'embolden further intrusions'],
      [4, 'The talks ended without a deal'],
    ]);
  });
});

describe('substantial quotes', () => {
  it('needs four content words or a whole sentence', () => {
    const match = (n: number, text: string) => [{ paragraph: p(n), text }];
    expect(isSubstantial(match(1, 'the plan'))).toBe(false);
    expect(isSubstantial(match(3, 'the pause could embolden further intrusions'))).toBe(true);
    expect(isSubstantial(match(4, 'The talks ended without a deal.'))).toBe(true);
  });
});

describe('checkClaim', () => {
  const check = (text: string, quotes: { source: number; quote: string }[]) =>
    checkClaim({ text, quotes }, passages, article, { support: true });

  it('keeps an honest paraphrase and re-attributes a quote cited to the wrong passage', () => {
    const result = check('Mr. Lee would not comment on the American proposal.', [
      { source: 1, quote: 'declined to comment on the U.S. proposal' },
    ]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.claim.quotes[0]?.paragraph.n).toBe(2);
  });

  it('removes a true sentence that ends with an invented addition, as a whole', () => {
    const result = check(
      'Analysts warn the pause could embolden further intrusions, and officials met in Paris.',
      [{ source: 3, quote: 'the pause could embolden further intrusions' }],
    );
    expect(result).toMatchObject({ ok: false, reason: 'unsupported-detail' });
  });

  it.each([
    ['no quote', 'The plan is on hold.', [], 'no-quote'],
    [
      'a quote not in the article',
      'Sanctions come in May.',
      [{ source: 1, quote: 'sanctions will come by May' }],
      'quote-not-found',
    ],
    [
      'a two-word quote',
      'The plan is on hold for good.',
      [{ source: 1, quote: 'the plan' }],
      'quote-too-short',
    ],
    [
      'a place the quote lacks',
      'Analysts warned in Paris that the pause could embolden intrusions.',
      [{ source: 3, quote: 'the pause could embolden further intrusions' }],
      'unsupported-detail',
    ],
    [
      'an amount the quote lacks',
      'The pause could embolden intrusions costing $5bn.',
      [{ source: 3, quote: 'the pause could embolden further intrusions' }],
      'changed-number',
    ],
    [
      'mostly other words',
      'Negotiators finally signed a lasting peace treaty yesterday.',
      [{ source: 3, quote: 'the pause could embolden further intrusions' }],
      'unsupported-words',
    ],
    [
      'quotation marks around words the article does not use',
      'Analysts say the pause "might encourage more hacking".',
      [{ source: 3, quote: 'the pause could embolden further intrusions' }],
      'misquoted',
    ],
  ] as const)('removes a claim with %s', (_name, text, quotes, reason) => {
    const result = check(text, [...quotes]);
    expect(result).toMatchObject({ ok: false, reason });
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
