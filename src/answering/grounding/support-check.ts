import { meaningChange, type MeaningFailure } from './meaning/meaning-check.js';
import { tokenize, type NlpToken } from '../../text/nlp.js';
import { unsupportedQuantities } from './meaning/number-support.js';
import { countriesByToken } from './meaning/parties.js';
import { wordNet } from '../../text/words/wordnet.js';

/** Why the code support check rejected a claim. */
export type SupportFailure = 'unsupported-detail' | 'unsupported-words' | 'changed-number' | MeaningFailure;

/** Share of a claim's content words its quoted paragraphs must contain ("mostly absent" fails). */
export const MIN_PRESENT_SHARE = 0.5;
// Framing words say how the article puts it, not what it says: they need no support.
const FRAMING = new Set(
  'article report say state note mention add describe write accord claim suggest indicate also however'.split(
    ' ',
  ),
);
// Shared stems bridge derived forms the lemmatiser keeps apart (retaliation / retaliatory).
const STEM = 6;

interface Vocabulary {
  readonly words: ReadonlySet<string>;
  readonly stems: ReadonlySet<string>;
  /** Countries the texts name in any form (name, code, people, capital). */
  readonly countries: ReadonlySet<string>;
}

function vocabulary(texts: readonly string[]): Vocabulary {
  const words = new Set<string>();
  const stems = new Set<string>();
  const countries = new Set<string>();
  for (const text of texts) {
    const tokens = tokenize(text);
    for (const country of countriesByToken(tokens).values()) countries.add(country);
    for (const token of tokens) {
      for (const form of [token.lower, token.lemma]) {
        words.add(form);
        if (form.length >= STEM) stems.add(form.slice(0, STEM));
      }
    }
  }
  return { words, stems, countries };
}

const isWord = (token: NlpToken) => token.type === 'word' && /\p{L}/u.test(token.text);
const has = (vocab: Vocabulary, token: NlpToken, country?: string) =>
  vocab.words.has(token.lower) ||
  (country !== undefined && vocab.countries.has(country)) ||
  vocab.words.has(token.lemma) ||
  (token.lemma.length >= STEM && vocab.stems.has(token.lemma.slice(0, STEM)));

/** A WordNet synonym or derived form of the word is in the evidence ("threw out" ← "dismissed"). */
const bridged = (vocab: Vocabulary, token: NlpToken) =>
  [...wordNet().synonyms(token.lemma, 3), ...wordNet().derivations(token.lemma, 3)].some((word) =>
    word.split(' ').every((part) => vocab.words.has(part)),
  );

/** A name: a proper noun or capitalised word that is not merely first in its sentence. */
const isName = (token: NlpToken) =>
  isWord(token) &&
  !token.sentenceStart &&
  !token.stop &&
  /^\p{Lu}/u.test(token.text) &&
  token.pos === 'PROPN';

/** The content words of a text: words that are not stop words, framing words or single letters. */
export function contentWords(text: string): readonly NlpToken[] {
  return tokenize(text).filter(
    (token) => isWord(token) && !token.stop && token.lower.length > 1 && !FRAMING.has(token.lemma),
  );
}

/** What the check found: the failure (if any) and the words it hangs on, for logs and figures. */
export interface SupportVerdict {
  readonly failure?: SupportFailure;
  readonly missing: readonly string[];
  readonly presentShare: number;
}

/** The evidence for a claim: its verbatim quotes and the paragraphs they come from. */
export interface Evidence {
  readonly quotes: readonly string[];
  readonly paragraphs: readonly string[];
}

/**
 * The code support check, compared by lemma: a number the evidence doesn't support (compared as
 * numbers: "more than 100" ← 116), a name the quoted paragraphs don't contain (a country may go
 * by its other names: "Beijing" for China), or a claim most of whose content words are absent
 * fails it; then the meaning rules ({@link meaningChange}) hold the claim to what its quotes say.
 */
export function checkSupport(claim: string, evidence: Evidence): SupportVerdict {
  const vocab = vocabulary(evidence.paragraphs);
  const tokens = tokenize(claim);
  const countries = countriesByToken(tokens);
  const numbers = unsupportedQuantities(claim, evidence.quotes, evidence.paragraphs);
  const names = tokens.filter(
    (token, index) => !/\d/.test(token.text) && isName(token) && !has(vocab, token, countries.get(index)),
  );
  const content = contentWords(claim);
  const absent = content.filter(
    (token) =>
      !has(vocab, token, countries.get(tokens.indexOf(token))) &&
      !/\d/.test(token.text) &&
      !bridged(vocab, token),
  );
  const presentShare = content.length === 0 ? 1 : 1 - absent.length / content.length;
  const found = [...numbers.map((q) => q.text), ...names.map((t) => t.text), ...absent.map((t) => t.text)];
  const missing = [...new Set(found)];
  if (numbers.length > 0) return { failure: 'changed-number', missing, presentShare };
  if (names.length > 0) return { failure: 'unsupported-detail', missing, presentShare };
  if (presentShare < MIN_PRESENT_SHARE) return { failure: 'unsupported-words', missing, presentShare };
  // Only framing ("The article reports this."): it says nothing beyond its quote, so it can't change it.
  if (content.length === 0) return { missing, presentShare };
  const change = meaningChange(
    tokens,
    evidence.quotes.flatMap((quote) => [...tokenize(quote)]),
    evidence.paragraphs.flatMap((paragraph) => [...tokenize(paragraph)]),
  );
  if (change) return { failure: change.failure, missing: [change.word], presentShare };
  return { missing, presentShare };
}
