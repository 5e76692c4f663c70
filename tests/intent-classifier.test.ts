import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyIntent, intentWords } from '../src/answering/intents/intent-classifier.js';
import { INTENT_EXAMPLES } from '../src/answering/intents/intent-examples.js';

const heldOut = JSON.parse(
  readFileSync(new URL('./fixtures/intent-heldout.json', import.meta.url), 'utf8'),
) as { paraphrases: Record<string, string[]>; otherForm: Record<string, string[]> };
const flat = (groups: Record<string, string[]>) =>
  Object.entries(groups).flatMap(([intent, list]) => list.map((text) => ({ intent, text })));
const cases = flat(heldOut.paraphrases);
const otherForm = flat(heldOut.otherForm);

describe('the reader-intent classifier', () => {
  it('never trains on the held-out paraphrases', () => {
    const trainedOn = new Set(
      Object.values(INTENT_EXAMPLES)
        .flat()
        .map((text) => intentWords(text).join(' ')),
    );
    for (const { text } of cases) expect(trainedOn.has(intentWords(text).join(' '))).toBe(false);
  });

  it.each(cases)('reads "$text" as $intent', ({ intent, text }) => {
    expect(classifyIntent(text)).toBe(intent);
  });

  it.each(otherForm)(
    'reads "$text" (a trained wording, other case, emoji or punctuation) as $intent',
    ({ intent, text }) => {
      expect(classifyIntent(text)).toBe(intent);
    },
  );

  it('ignores emoji, case and punctuation', () => {
    expect(classifyIntent('HEY!!! 👋👋')).toBe(classifyIntent('hey'));
    expect(classifyIntent('Thank you 🙏🙏')).toBe(classifyIntent('thank you'));
  });

  it('answers the question in a greeting', () => {
    expect(classifyIntent('hello 👋 who is the chief executive?')).toBe('question');
  });
});
