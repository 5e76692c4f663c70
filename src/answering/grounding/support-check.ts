import { tokenize, type NlpToken } from './nlp.js';

/** Why the code support check rejected a claim. */
export type SupportFailure = 'unsupported-detail' | 'unsupported-words';

/** Share of a claim's content words its quoted paragraphs must contain ("mostly absent" fails). */
export const MIN_PRESENT_SHARE = 0.5;
// Framing words say how the article puts it, not what it says: they need no support.
const FRAMING = new Set(
  'article report say state note mention add describe write accord claim suggest indicate also however'.split(
    ' ',
  ),
);
const NUMBER_WORDS: Readonly<Record<string, string>> = {
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  twenty: '20',
  hundred: '100',
  thousand: '1000',
  million: '1000000',
  billion: '1000000000',
};
// A nationality and its country name the same thing ("American officials" for "U.S. officials").
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  american: ['us', 'america', 'united states', 'washington'],
  us: ['american', 'america', 'united states', 'washington'],
  america: ['us', 'american', 'united states'],
  chinese: ['china', 'beijing'],
  china: ['chinese', 'beijing'],
  beijing: ['china', 'chinese'],
  washington: ['us', 'american'],
  british: ['uk', 'britain'],
  uk: ['british', 'britain'],
  russian: ['russia', 'moscow'],
  russia: ['russian'],
  european: ['europe', 'eu'],
  eu: ['european', 'europe'],
  western: ['west'],
  west: ['western'],
  japanese: ['japan'],
  indian: ['india'],
  french: ['france'],
  german: ['germany'],
  israeli: ['israel'],
  iranian: ['iran'],
  ukrainian: ['ukraine'],
};
// Shared stems bridge derived forms the lemmatiser keeps apart (retaliation / retaliatory).
const STEM = 6;

interface Vocabulary {
  readonly words: ReadonlySet<string>;
  readonly stems: ReadonlySet<string>;
  readonly numbers: ReadonlySet<string>;
}

const numberOf = (token: NlpToken): string | undefined => {
  if (/\d/.test(token.text)) return token.text.replace(/[^\d.]/g, '').replace(/\.$/, '') || undefined;
  return NUMBER_WORDS[token.lower];
};

function vocabulary(texts: readonly string[]): Vocabulary {
  const words = new Set<string>();
  const stems = new Set<string>();
  const numbers = new Set<string>();
  for (const token of texts.flatMap((text) => tokenize(text))) {
    for (const form of [token.lower, token.lemma]) {
      words.add(form);
      if (form.length >= STEM) stems.add(form.slice(0, STEM));
    }
    const number = numberOf(token);
    if (number) numbers.add(number);
  }
  return { words, stems, numbers };
}

const isWord = (token: NlpToken) => token.type === 'word' && /\p{L}/u.test(token.text);
const has = (vocab: Vocabulary, token: NlpToken) =>
  vocab.words.has(token.lower) ||
  (ALIASES[token.lower] ?? []).some((alias) => alias.split(' ').every((word) => vocab.words.has(word))) ||
  vocab.words.has(token.lemma) ||
  (token.lemma.length >= STEM && vocab.stems.has(token.lemma.slice(0, STEM)));

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

/** What the check found: the failure (if any) and the words it could not find, for logs and figures. */
export interface SupportVerdict {
  readonly failure?: SupportFailure;
  readonly missing: readonly string[];
  readonly presentShare: number;
}

/**
 * The code support check, compared by lemma: a number, date, amount or name in the claim that the
 * quoted paragraphs do not contain fails it, and so does a claim most of whose content words are
 * absent from them. It cannot see meaning: a claim that reuses the quote's words to say the
 * opposite passes (that is what the optional model check is for).
 */
export function checkSupport(claim: string, paragraphs: readonly string[]): SupportVerdict {
  const vocab = vocabulary(paragraphs);
  const tokens = tokenize(claim);
  const details = tokens.filter((token) => {
    const number = numberOf(token);
    if (number) return !vocab.numbers.has(number);
    return isName(token) && !has(vocab, token);
  });
  const content = contentWords(claim);
  const absent = content.filter((token) => !has(vocab, token));
  const presentShare = content.length === 0 ? 1 : 1 - absent.length / content.length;
  const missing = [...new Set([...details, ...absent].map((token) => token.text))];
  if (details.length > 0) return { failure: 'unsupported-detail', missing, presentShare };
  if (presentShare < MIN_PRESENT_SHARE) return { failure: 'unsupported-words', missing, presentShare };
  return { missing, presentShare };
}
