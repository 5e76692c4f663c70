import { gazetteer } from '../../../text/words/gazetteer.js';
import type { NlpToken } from '../../../text/nlp.js';

const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'sir', 'lord', 'lady', 'president', 'judge', 'the']);

/** The country each run of tokens names, by token index ("United States" → both tokens, "USA"). */
export function countriesByToken(tokens: readonly NlpToken[]): Map<number, string> {
  // tokenize() returns one array per text, so paragraphs checked again reuse their reading.
  const known = memo.get(tokens);
  if (known) return known;
  const found = readCountries(tokens);
  memo.set(tokens, found);
  return found;
}

const memo = new WeakMap<readonly NlpToken[], Map<number, string>>();

function readCountries(tokens: readonly NlpToken[]): Map<number, string> {
  const places = gazetteer();
  const found = new Map<number, string>();
  for (let i = 0; i < tokens.length; i += 1) {
    for (let n = Math.min(places.longestName, tokens.length - i); n >= 1; n -= 1) {
      const run = tokens.slice(i, i + n);
      if (!/^\p{Lu}/u.test(run[0]!.text) || run.some((token) => !/\p{L}/u.test(token.text))) continue;
      const country = places.countryOf(run.map((token) => token.text).join(' '));
      if (!country) continue;
      for (let j = i; j < i + n; j += 1) found.set(j, country);
      i += n - 1;
      break;
    }
  }
  return found;
}

/**
 * The keys a named party goes by: its name words (titles aside), and the country a place name
 * stands for, so "the US", "Washington" and "American" are one party, and so are "Beijing" and
 * "China".
 */
export function partyKeys(tokens: readonly NlpToken[]): Set<string> {
  const keys = new Set<string>();
  const countries = countriesByToken(tokens);
  tokens.forEach((token, index) => {
    const country = countries.get(index);
    if (country) keys.add(`country:${country}`);
    else if (token.pos === 'PROPN' && !TITLES.has(token.lower)) keys.add(token.lower);
  });
  return keys;
}
