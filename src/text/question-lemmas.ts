import { createRequire } from 'node:module';
import { WINK_STOP_WORDS } from './wink-stop-words.js';

/** What the stories analysed so far say about words: each surface form's lemma and stop flag, and every lemma. */
export interface Vocabulary {
  readonly forms: ReadonlyMap<string, { readonly lemma: string; readonly stop: boolean }>;
  readonly lemmas: ReadonlySet<string>;
}

type Exceptions = Readonly<Record<string, string>>;
let exceptions: readonly Exceptions[] | undefined;

// wink's own irregular forms (WordNet's exception lists, ~0.2 MB of JavaScript: no model build).
function irregular(word: string): string | undefined {
  if (!exceptions) {
    const require = createRequire(import.meta.url);
    const table = (name: string) =>
      require(`wink-eng-lite-web-model/dist/wn-${name}-exceptions.js`) as Exceptions;
    exceptions = [table('verb'), table('noun'), table('adjective')];
  }
  for (const table of exceptions) if (Object.hasOwn(table, word)) return table[word];
  return undefined;
}

// wink's suffix rules (verbs, then nouns, then adjectives); a candidate counts only if a story uses it as a lemma.
const SUFFIXES: readonly (readonly [RegExp, string])[] = [
  [/s$/, ''],
  [/ies$/, 'y'],
  [/(?:es|ed|ing)$/, ''],
  [/(?:es|ed|ing)$/, 'e'],
  [/ses$/, 's'],
  [/xes$/, 'x'],
  [/zes$/, 's'],
  [/ves$/, 'f'],
  [/ches$/, 'ch'],
  [/shes$/, 'sh'],
  [/(?:est|er)$/, ''],
  [/(?:est|er)$/, 'e'],
  [/men$/, 'man'],
];

const ACRONYM = /^(?:\p{Lu}{2,}|(?:\p{Lu}\.){2,})$/u;
const TOKEN = /(?:\p{Lu}\.){2,}|\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
// Contractions split as wink splits them: "didn't" → "did" "n't", "Trump's" → "Trump" "'s".
const CONTRACTION = /^(.+?)(n['’]t|['’](?:s|re|ve|ll|d|m))$/iu;

function words(text: string): string[] {
  return [...text.matchAll(TOKEN)].flatMap(([word]) => {
    const parts = CONTRACTION.exec(word);
    return parts?.[1] && parts[2] ? [parts[1], parts[2].replace('’', "'")] : [word];
  });
}

function lemmaOf(word: string, vocabulary: Vocabulary): string {
  const lower = word.toLowerCase();
  const known = irregular(lower);
  if (known) return known;
  for (const [suffix, by] of SUFFIXES) {
    const candidate = lower.replace(suffix, by);
    if (candidate !== lower && vocabulary.lemmas.has(candidate)) return candidate;
  }
  return lower;
}

/**
 * Content lemmas of a short text (a question) without the language model: a form a story uses
 * takes the lemma the model gave it there; any other word takes wink's irregular form or a suffix
 * rule's candidate that some story uses as a lemma, else itself (it matches nothing either way);
 * stop words are wink's. Agreement with the model is measured in tests/nlp.test.ts.
 */
export function questionLemmas(text: string, vocabulary: Vocabulary): string[] {
  const lemmas: string[] = [];
  for (const word of words(text)) {
    if (ACRONYM.test(word)) {
      lemmas.push(word.replaceAll('.', '').toLowerCase());
      continue;
    }
    const lower = word.toLowerCase().replace('’', "'");
    // wink reads the possessive "'s" as a word of its own, not a stop word.
    if (lower === "'s") {
      lemmas.push(lower);
      continue;
    }
    const form = vocabulary.forms.get(lower);
    if (form ? form.stop : WINK_STOP_WORDS.has(lower)) continue;
    lemmas.push(form?.lemma ?? lemmaOf(word, vocabulary));
  }
  return lemmas;
}
