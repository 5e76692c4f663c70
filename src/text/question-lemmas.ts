import { lookUp, type Lexicon, type LexiconEntry } from './lexicon.js';

/** What the stories analysed so far say about words: each lower-case surface form's lemma and stop flag. */
export interface Vocabulary {
  readonly forms: ReadonlyMap<string, { readonly lemma: string; readonly stop: boolean }>;
}

const NAME = /^\p{Lu}/u;
const ACRONYM = /^(?:\p{Lu}{2,}|(?:\p{Lu}\.){2,})$/u;
const TOKEN = /(?:\p{Lu}\.){2,}|\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
// Contractions split as wink splits them: "didn't" → "did" "n't", "Trump's" → "Trump" "'s".
const CONTRACTION = /^(.+?)(n['’]t|['’](?:s|re|ve|ll|d|m))$/iu;

function words(text: string, vocabulary: Vocabulary): string[] {
  return [...text.matchAll(TOKEN)].flatMap(([word]) => {
    if (/^cannot$/i.test(word)) return [word.slice(0, 3), word.slice(3)];
    // A hyphenated word a story holds stays whole; any other is split, as wink splits "long-term".
    if (word.includes('-') && !vocabulary.forms.has(word.toLowerCase())) return word.split('-');
    const parts = CONTRACTION.exec(word);
    return parts?.[1] && parts[2] ? [parts[1], parts[2].replace('’', "'")] : [word];
  });
}

/**
 * Content lemmas of a short text (a question) without the language model: a word takes the
 * model's reading of it alone (the lexicon), else the lemma the model gave it in a story, else
 * itself (the model does not know it). Acronyms are names, as in
 * stories. Agreement with the model is measured in tests/nlp.test.ts.
 */
export function questionLemmas(text: string, vocabulary: Vocabulary, lexicon: Lexicon): string[] {
  const lemmas: string[] = [];
  let afterStopWord = false;
  words(text, vocabulary).forEach((word, index) => {
    const lower = word.toLowerCase().replace('’', "'");
    const known: LexiconEntry | undefined = lookUp(lexicon, lower) ?? vocabulary.forms.get(lower);
    let reading = known;
    // Acronyms and capitalised words past the first are names: their own lemma ("United States").
    if (ACRONYM.test(word)) reading = { lemma: lower.replaceAll('.', ''), stop: false };
    else if (index > 0 && NAME.test(word)) reading = { lemma: lower, stop: known?.stop === true };
    // "what's", "it's": the verb, a stop word; "China's": the possessive, which wink keeps as a word.
    else if (lower === "'s") reading = { lemma: lower, stop: afterStopWord };
    afterStopWord = reading?.stop === true;
    if (!reading) lemmas.push(lower);
    else if (!reading.stop) lemmas.push(reading.lemma);
  });
  return lemmas;
}
