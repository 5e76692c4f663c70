import { createRequire } from 'node:module';
import type { Wink } from './wink.js';

/**
 * wink's reading of every lower-case word its English model knows, as sorted lines
 * `form<TAB>lemma<TAB>stop`, kept only where the lemma differs from the form or the word is a stop
 * word (~20,000 lines, ~0.4 MB). Searched in place (no parse), so a question's words are read
 * in microseconds without the model.
 */
export type Lexicon = string;

/** A word as the model reads it alone: its lemma and stop-word flag. */
export interface LexiconEntry {
  readonly lemma: string;
  readonly stop: boolean;
}

const WORD = /^[a-z][a-z'-]*$/;
const CHUNK = 5_000;

/** Builds the lexicon from the model (about a second: done once per model version, when indexing). */
export function buildLexicon(wink: Wink): Lexicon {
  const require = createRequire(import.meta.url);
  const model = require('wink-eng-lite-web-model') as {
    core(): { features: { lexeme: { list: string[] } } };
  };
  const words = model.core().features.lexeme.list.filter((word) => WORD.test(word));
  const lines = new Map<string, string>();
  for (let start = 0; start < words.length; start += CHUNK) {
    // One word a paragraph: each is read on its own, as it would be in a short question.
    const tokens = wink.readDoc(words.slice(start, start + CHUNK).join('\n\n')).tokens();
    const values = tokens.out() as string[];
    const lemmas = tokens.out(wink.its.lemma) as string[];
    const stops = tokens.out(wink.its.stopWordFlag) as boolean[];
    values.forEach((value, index) => {
      const form = value.toLowerCase();
      const lemma = (lemmas[index] ?? form).toLowerCase();
      const stop = stops[index] === true;
      if (WORD.test(form) && (lemma !== form || stop)) lines.set(form, `${form}\t${lemma}\t${stop ? 1 : 0}`);
    });
  }
  return [...lines.keys()]
    .sort()
    .map((form) => lines.get(form))
    .join('\n');
}

/** The lexicon's entry for a lower-case word, by binary search over its sorted lines. */
export function lookUp(lexicon: Lexicon, form: string): LexiconEntry | undefined {
  let low = 0;
  let high = lexicon.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = lexicon.lastIndexOf('\n', middle - 1) + 1;
    const tab = lexicon.indexOf('\t', start);
    const key = lexicon.slice(start, tab);
    if (key === form) {
      const end = lexicon.indexOf('\n', tab);
      const [lemma = form, stop] = lexicon.slice(tab + 1, end === -1 ? undefined : end).split('\t');
      return { lemma, stop: stop === '1' };
    }
    if (key < form) {
      const end = lexicon.indexOf('\n', tab);
      if (end === -1) return undefined;
      low = end + 1;
    } else high = start;
  }
  return undefined;
}
