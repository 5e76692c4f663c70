import { describe, expect, it } from 'vitest';
import { rateLimitMessage } from '../src/errors.js';
import { describeRemovals, removalNote } from '../src/answering/grounding/assemble-claims.js';

describe('notes agree in number with what they count', () => {
  it('one claim left out: "it", "its quote"', () => {
    expect(removalNote(['quote-not-found'])).toBe(
      '1 claim was left out because its quote is not in the article word for word.',
    );
  });

  it('two claims left out for one reason: "their quotes"', () => {
    expect(removalNote(['quote-not-found', 'quote-not-found'])).toBe(
      '2 claims were left out because their quotes are not in the article word for word.',
    );
    expect(removalNote(['unsupported-detail', 'unsupported-detail'])).toBe(
      '2 claims were left out because they named details (names, numbers or dates) their quotes don’t contain.',
    );
  });

  it('several reasons: each counted and said in its own number', () => {
    expect(removalNote(['quote-not-found', 'no-quote', 'quote-not-found'])).toBe(
      '3 claims were left out: 2 because their quotes are not in the article word for word; 1 because it quoted nothing from the article.',
    );
  });

  it('the removal as data keeps each distinct reason once, said of one claim', () => {
    expect(describeRemovals(['no-quote', 'no-quote', 'misquoted'])).toEqual({
      count: 3,
      reasons: [
        'it quoted nothing from the article',
        'words it put in quotation marks are not the article’s',
      ],
    });
    expect(removalNote([])).toBeUndefined();
  });

  it('a wait of one second is "1 second"', () => {
    expect(rateLimitMessage(1_000)).toMatch(/about 1 second\./);
    expect(rateLimitMessage(30_000)).toMatch(/about 30 seconds\./);
  });
});
