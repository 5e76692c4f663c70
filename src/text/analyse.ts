import type { AnalysedSentence, NlpToken, WordToken } from './nlp-types.js';
import type { Wink } from './wink.js';

const ACRONYM = /^(?:\p{Lu}{2,}|(?:\p{Lu}\.){2,})$/u;

function analyse(wink: Wink, text: string): AnalysedSentence[] {
  const doc = wink.readDoc(text);
  const { its } = wink;
  const words = doc.tokens().out() as string[];
  const lemmas = doc.tokens().out(its.lemma) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const stops = doc.tokens().out(its.stopWordFlag) as boolean[];
  const entityOf = new Map<number, string>();
  const spans = doc.entities().out(its.span) as [number, number][];
  const types = doc.entities().out(its.type) as string[];
  spans.forEach(([start, end], index) => {
    for (let i = start; i <= end; i += 1) entityOf.set(i, types[index] ?? 'ENTITY');
  });
  const sentenceSpans = doc.sentences().out(its.span) as [number, number][];
  const sentenceTexts = doc.sentences().out() as string[];
  const sentences: AnalysedSentence[] = [];
  sentenceSpans.forEach(([start, end], index) => {
    const tokens: WordToken[] = [];
    for (let i = start; i <= end; i += 1) {
      const word = words[i] ?? '';
      const entity = entityOf.get(i);
      // Acronyms ("US", "U.S.", "IT") are names, not the pronoun or stop word they spell.
      const acronym = ACRONYM.test(word);
      tokens.push({
        text: word,
        lemma: acronym ? word.replaceAll('.', '').toLowerCase() : (lemmas[i] ?? word).toLowerCase(),
        pos: acronym ? 'PROPN' : (pos[i] ?? 'X'),
        stop: acronym ? false : (stops[i] ?? false),
        ...(entity && { entity }),
      });
    }
    sentences.push({ text: (sentenceTexts[index] ?? '').trim(), tokens });
  });
  return sentences;
}

// A plain full-stop split, used only if the model's sentences are not verbatim (quotes must be).
const ROUGH_BOUNDARY = /(?<=[.!?]["'”’)]*)\s+(?=["“‘(\p{Lu}\p{N}])/u;

/** The model's sentences when each is found verbatim in the text; otherwise a rough full-stop split. */
export function analyseSentences(wink: Wink, text: string): AnalysedSentence[] {
  const analysed = analyse(wink, text);
  if (analysed.every((sentence) => sentence.text !== '' && text.includes(sentence.text))) return analysed;
  return text
    .split(ROUGH_BOUNDARY)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '')
    .map((sentence) => ({ text: sentence, tokens: analyse(wink, sentence).flatMap((part) => part.tokens) }));
}

const strings = (values: unknown): string[] => (Array.isArray(values) ? values.map(String) : []);

/** Tokens as the support check compares them: lower case and lemma without dots, sentence starts marked. */
export function tokensOf(wink: Wink, text: string): NlpToken[] {
  const { its } = wink;
  const tokens: NlpToken[] = [];
  wink
    .readDoc(text)
    .sentences()
    .each((sentence) => {
      const list = sentence.tokens();
      const values = strings(list.out(its.value));
      const lemmas = strings(list.out(its.lemma));
      const pos = strings(list.out(its.pos));
      const stops = strings(list.out(its.stopWordFlag));
      const types = strings(list.out(its.type));
      let first = true;
      values.forEach((value, index) => {
        const type = types[index] ?? 'word';
        tokens.push({
          text: value,
          lower: value.toLowerCase().replace(/\./g, ''),
          lemma: (lemmas[index] ?? value).toLowerCase().replace(/\./g, ''),
          pos: pos[index] ?? 'X',
          stop: stops[index] === 'true',
          type,
          sentenceStart: first && type === 'word',
        });
        if (type === 'word' || type === 'number') first = false;
      });
    });
  return tokens;
}
