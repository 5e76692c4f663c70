import { stemmer } from 'stemmer';
import { eng as englishStopWords } from 'stopword';
import { baseForm } from './irregular-verbs.js';

// Words that frame a question about a story rather than say what it is about.
const QUESTION_WORDS = [
  'article',
  'story',
  'piece',
  'report',
  'text',
  'say',
  'says',
  'said',
  'tell',
  'told',
  'mention',
  'mentioned',
  'explain',
  'describe',
  'according',
  'happen',
  'happened',
  'please',
  'know',
  'does',
  'did',
  'do',
  'would',
  'could',
  'should',
  'can',
  'will',
  'get',
  'got',
  'also',
  'any',
  'why',
  'how',
  'what',
  'who',
  'whom',
  'which',
  'when',
  'where',
  'whose',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'anything',
  'something',
  'everything',
  'else',
  'thing',
  'things',
  'really',
  'actually',
  'exactly',
];
const STOP = new Set([...englishStopWords, ...QUESTION_WORDS]);

const DOTTED_ACRONYM = /\b(?:\p{Lu}\.){2,}/gu;
const TOKEN = /[\p{L}\p{N}]+/gu;

/**
 * Splits text into raw tokens. Dotted acronyms ("U.S.") become one token ("US") so that
 * they survive as words instead of falling apart into letters.
 */
export function tokenize(text: string): string[] {
  const joined = text.normalize('NFKC').replace(DOTTED_ACRONYM, (acronym) => acronym.replaceAll('.', ''));
  return joined.match(TOKEN) ?? [];
}

/**
 * Turns a raw token into an index term: lower case, stop words dropped, Porter-stemmed.
 * All-capital tokens of two or more letters are acronyms ("US", "IT") and are kept even when
 * their lower-case form is a stop word.
 */
export function processTerm(token: string): string | null {
  const isAcronym = token.length >= 2 && /^\p{Lu}+$/u.test(token);
  const lower = token.toLowerCase();
  if (isAcronym) return lower;
  if (lower.length < 2 && !/\d/.test(lower)) return null;
  if (STOP.has(lower)) return null;
  return stemmer(baseForm(lower.normalize('NFD').replace(/\p{M}/gu, '')));
}

/**
 * A {@link processTerm} that remembers its results. A corpus repeats the same tokens millions of
 * times while its vocabulary stays small, so stemming each distinct token once makes building a
 * large index about twice as fast. The cache is cleared when it reaches `maxEntries`.
 */
export function createCachedProcessTerm(maxEntries = 250_000): (token: string) => string | null {
  const cache = new Map<string, string | null>();
  return (token) => {
    const known = cache.get(token);
    if (known !== undefined) return known;
    if (cache.size >= maxEntries) cache.clear();
    const term = processTerm(token);
    cache.set(token, term);
    return term;
  };
}

/** The index terms of a text, in order, duplicates kept. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}
