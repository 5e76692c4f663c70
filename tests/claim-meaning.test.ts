import { beforeAll, describe, expect, it } from 'vitest';
import { loadNlp } from '../src/text/nlp.js';
import { readQuantities } from '../src/answering/grounding/meaning/quantities.js';
import { unsupportedQuantities } from '../src/answering/grounding/meaning/number-support.js';
import { checkSupport } from '../src/answering/grounding/support-check.js';
import { gazetteer } from '../src/text/words/gazetteer.js';

beforeAll(() => loadNlp());

/** The code check of one claim against one quote (its own paragraph). */
const verdict = (claim: string, quote: string, paragraph = quote) =>
  checkSupport(claim, { quotes: [quote], paragraphs: [paragraph] }).failure;

// Each rule from both sides: the change it catches, and the faithful paraphrase it keeps.
describe.each([
  {
    rule: 'numbers as numbers',
    quote: 'Police said 116 bodies had been recovered by Sunday, about 32% of them children.',
    kept: [
      'More than 100 bodies had been recovered, police said.',
      'Police said about a third of the bodies were children.',
    ],
    caught: ['Police said 160 bodies had been recovered.', 'Police said half of the bodies were children.'],
    reason: 'changed-number',
  },
  {
    rule: 'relative time and units',
    quote: 'The deal was reached in late October and takes effect in six months.',
    kept: ['The deal was reached late in October and takes effect within six months.'],
    caught: ['The deal was reached in late October and takes effect in six weeks.'],
    reason: 'changed-number',
  },
  {
    rule: 'negation',
    quote: 'The court found that the case could not be brought under federal law.',
    kept: ['The court found the case could not be brought under federal law.'],
    caught: ['The court found that the case could be brought under federal law.'],
    reason: 'flipped-negation',
  },
  {
    rule: 'antonyms (WordNet)',
    quote: 'Shares in the company rose sharply after the ruling.',
    kept: ['Shares in the company rose after the ruling.'],
    caught: ['Shares in the company fell sharply after the ruling.'],
    reason: 'opposite-word',
  },
  {
    rule: 'certainty',
    quote: 'The campaign allegedly infiltrated telecommunications companies.',
    kept: ['The campaign allegedly infiltrated telecoms companies.'],
    caught: ['The campaign infiltrated telecommunications companies.'],
    reason: 'overstated-certainty',
  },
  {
    rule: 'attribution',
    quote: 'Deutsche Bank said documents had been backdated to strengthen the case.',
    kept: ['Deutsche Bank said the documents were backdated to strengthen the case.'],
    caught: ['Documents had been backdated to strengthen the case.'],
    reason: 'overstated-certainty',
  },
  {
    rule: 'scope',
    quote: 'Some officials have drafted plans for new sanctions.',
    kept: ['Some officials drafted plans for new sanctions.'],
    caught: [
      'All officials have drafted plans for new sanctions.',
      'Officials have decided on new sanctions.',
    ],
    reason: 'widened-scope',
  },
  {
    rule: 'roles (active and passive)',
    quote: 'Deutsche Bank is involved in the case because it is being sued by Yukos.',
    kept: ['Deutsche Bank is involved because Yukos is suing it.'],
    caught: ['Deutsche Bank is involved in the case because it is suing Yukos.'],
    reason: 'reversed-roles',
  },
  {
    rule: 'a name in another’s place',
    quote: 'Shares closed higher, with Altria rising 5% and Reynolds gaining 4.5%; Lorillard was flat.',
    kept: ['Shares closed higher, with Altria up 5%.'],
    caught: ['Shares closed higher, with Lorillard rising 5%.'],
    reason: 'swapped-name',
  },
])('$rule', ({ quote, kept, caught, reason }) => {
  it.each(kept)('keeps "%s"', (claim) => expect(verdict(claim, quote)).toBeUndefined());
  it.each(caught)('catches "%s"', (claim) => expect(verdict(claim, quote)).toBe(reason));
});

describe('faithful paraphrases stay', () => {
  it('"both" for "two" and "two" for "both"', () => {
    expect(
      verdict('Both families welcomed the apology.', 'The two families welcomed the apology.'),
    ).toBeUndefined();
    expect(
      verdict('The two companies are listed on Nasdaq.', 'Both companies are listed on Nasdaq.'),
    ).toBeUndefined();
  });

  it('a country by its other names: capital, people, codes (from the world-countries gazetteer)', () => {
    const quote = 'The move was welcomed by Beijing, while Washington objected.';
    expect(verdict('China welcomed the move, while the United States objected.', quote)).toBeUndefined();
    expect(verdict('The Chinese welcomed the move and the US objected.', quote)).toBeUndefined();
    expect(verdict('The move was welcomed by Moscow.', quote)).toBe('unsupported-detail');
    expect(gazetteer().countryOf('American')).toBe('USA');
    // Two-letter codes only as capitals: "no" is not Norway.
    expect(gazetteer().countryOf('no')).toBeUndefined();
  });
});

describe('numbers compared as numbers', () => {
  it('reads numerals, words, fractions, multiples, scales, shares and time spans', () => {
    const read = (text: string) => readQuantities(text).map((q) => [q.value, q.unit ?? '', q.bound]);
    expect(read('a dozen')).toEqual([[12, '', 'exact']]);
    expect(read('more than $280bn')).toEqual([[2.8e11, '$', 'more']]);
    expect(read('nearly doubled')).toEqual([[2, 'times', 'nearly']]);
    expect(read('half a trillion dollars')).toEqual([[5e11, '$', 'exact']]);
    expect(read('32%')).toEqual([[0.32, '%', 'exact']]);
    expect(read('the past half century')[0]?.[0]).toBeCloseTo(50 * 365.25);
  });

  it('"more than 100" ← 116, "about a third" ← 32%, "nearly doubled" ← 1.9 times; not "116" ← "more than 100"', () => {
    const unsupported = (claim: string, quote: string) =>
      unsupportedQuantities(claim, [quote], [quote]).map((q) => q.text);
    expect(unsupported('more than 100 bodies', '116 bodies were found')).toEqual([]);
    expect(unsupported('about a third of voters', '32% of voters')).toEqual([]);
    expect(unsupported('sales nearly doubled', 'sales rose 1.9 times')).toEqual([]);
    expect(unsupported('116 bodies', 'more than 100 bodies')).toEqual(['116']);
    expect(unsupported('jailed for more than two years', 'jailed for more than a year')).toHaveLength(1);
    expect(unsupported('a quarter of a point', 'by 0.25 points')).toEqual([]);
  });
});
