import { LRUCache } from 'lru-cache';
import { analyseSentences, tokensOf } from './analyse.js';
import { questionLemmas } from './question-lemmas.js';
import { rememberedAnalysis, sharedLexicon, vocabulary } from './story-analyses.js';
import { sharedWink, winkBuilds } from './wink.js';
import type { AnalysedSentence, NlpToken } from './nlp-types.js';

export type { AnalysedSentence, NlpToken, WordToken } from './nlp-types.js';
export { rememberStories, type AnalysisStore, type StoryAnalysis } from './story-analyses.js';
export { winkBuilds } from './wink.js';

/** The English analysis used by extractive answers, intents, summaries and the gate. */
export interface Nlp {
  /** Sentences of a text, each a verbatim substring of it. Cached by text. */
  sentences(text: string): readonly AnalysedSentence[];
  /**
   * Content lemmas of a text (no stop words, no punctuation), in order. A story's paragraph is
   * read from its stored analysis; any other text (a question) is read against the stories'
   * vocabulary without building the model (question-lemmas.ts).
   */
  lemmas(text: string): string[];
}

const WORD = /[\p{L}\p{N}]/u;
const sentenceCache = new LRUCache<string, readonly AnalysedSentence[]>({ max: 5_000 });
const tokenCache = new LRUCache<string, readonly NlpToken[]>({ max: 2_000 });

function sentences(text: string): readonly AnalysedSentence[] {
  const known = sentenceCache.get(text) ?? rememberedAnalysis(text);
  if (known) return known;
  const result = analyseSentences(sharedWink(), text);
  sentenceCache.set(text, result);
  return result;
}

const contentLemmas = (analysed: readonly AnalysedSentence[]) =>
  analysed.flatMap((sentence) =>
    sentence.tokens.filter((token) => !token.stop && WORD.test(token.text)).map((token) => token.lemma),
  );

/** The one shared NLP instance; the model behind it is built only when a text needs it. */
export const nlp: Nlp = {
  sentences,
  lemmas: (text) => {
    const known = sentenceCache.get(text) ?? rememberedAnalysis(text);
    return known ? contentLemmas(known) : questionLemmas(text, vocabulary(), sharedLexicon());
  },
};

/**
 * The shared NLP instance. Kept async for callers written when loading it meant building the
 * model; it builds nothing now (the model is built on the first text no stored analysis holds).
 */
export function loadNlp(): Promise<Nlp> {
  return Promise.resolve(nlp);
}

/**
 * Builds the model on the next turn of the event loop unless it is built: called as a model's
 * reply is awaited, so the support check that follows finds it ready.
 */
export function prepareNlp(): void {
  if (winkBuilds() === 0) setImmediate(() => sharedWink());
}

/**
 * Tokens of a text with part of speech, lemma and stop-word flag, as the support check compares
 * them (any text: a model's claim included, so this may build the model). Cached per text.
 */
export function tokenize(text: string): readonly NlpToken[] {
  const hit = tokenCache.get(text);
  if (hit) return hit;
  const tokens = tokensOf(sharedWink(), text);
  tokenCache.set(text, tokens);
  return tokens;
}
