import { LRUCache } from 'lru-cache';

/** One word of a sentence, as the English model reads it. */
export interface WordToken {
  readonly text: string;
  /** Lower-case dictionary form ("rose" → "rise", "profits" → "profit"). */
  readonly lemma: string;
  /** Universal part of speech (NOUN, PROPN, VERB, NUM, …). */
  readonly pos: string;
  readonly stop: boolean;
  /** Named-entity type when the word is part of one (DATE, TIME, MONEY, PERCENT, CARDINAL, …). */
  readonly entity?: string;
}

/** A sentence exactly as it appears in the source text, with its words. */
export interface AnalysedSentence {
  readonly text: string;
  readonly tokens: readonly WordToken[];
}

/** The English analysis used by extractive answers, intents and the gate. */
export interface Nlp {
  /** Sentences of a text, each a verbatim substring of it. Cached by text. */
  sentences(text: string): readonly AnalysedSentence[];
  /** Content lemmas of a text (no stop words, no punctuation), in order. */
  lemmas(text: string): string[];
}

const WORD = /[\p{L}\p{N}]/u;
const ACRONYM = /^(?:\p{Lu}{2,}|(?:\p{Lu}\.){2,})$/u;

interface Wink {
  readDoc(text: string): WinkDoc;
  its: Record<string, unknown>;
}
interface WinkDoc {
  tokens(): { out(f?: unknown): unknown };
  sentences(): { out(f?: unknown): unknown };
  entities(): { out(f?: unknown): unknown };
}

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

/** Keeps the model's sentences when each is found verbatim in the text; otherwise splits roughly. */
function verbatim(wink: Wink, text: string): AnalysedSentence[] {
  const analysed = analyse(wink, text);
  if (analysed.every((sentence) => sentence.text !== '' && text.includes(sentence.text))) return analysed;
  return text
    .split(ROUGH_BOUNDARY)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '')
    .map((sentence) => ({ text: sentence, tokens: analyse(wink, sentence).flatMap((part) => part.tokens) }));
}

let loading: Promise<Nlp> | undefined;

/**
 * Loads wink-nlp with its English model (shipped inside the npm package, no download) once,
 * on first use, so modes that never need it start without it.
 */
export function loadNlp(): Promise<Nlp> {
  loading ??= (async () => {
    const [{ default: winkNLP }, { default: model }] = await Promise.all([
      import('wink-nlp'),
      import('wink-eng-lite-web-model'),
    ]);
    const wink = winkNLP(model) as unknown as Wink;
    const cache = new LRUCache<string, readonly AnalysedSentence[]>({ max: 5_000 });
    const sentences = (text: string): readonly AnalysedSentence[] => {
      const known = cache.get(text);
      if (known) return known;
      const result = verbatim(wink, text);
      cache.set(text, result);
      return result;
    };
    return {
      sentences,
      lemmas: (text) =>
        sentences(text).flatMap((sentence) =>
          sentence.tokens.filter((token) => !token.stop && WORD.test(token.text)).map((token) => token.lemma),
        ),
    };
  })();
  return loading;
}
