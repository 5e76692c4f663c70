import { createRequire } from 'node:module';

/** The parts of a wink-nlp instance storybot reads. */
export interface Wink {
  readDoc(text: string): WinkDoc;
  readonly its: Record<string, unknown>;
}
export interface WinkDoc {
  tokens(): WinkOut;
  sentences(): WinkOut & { each(callback: (sentence: { tokens(): WinkOut }) => void): void };
  entities(): WinkOut;
}
interface WinkOut {
  out(f?: unknown): unknown;
}

let wink: Wink | undefined;
let builds = 0;

/**
 * The process's one wink-nlp instance with its English model (shipped in the npm package, no
 * download), built synchronously on first call: ~0.3 s and ~45 MB, so only a process that meets
 * text no analysis cache holds pays for it. wink-eng-lite-web-model is patched (patches/) to read
 * its model file once instead of deep-copying a require()d copy kept for ever.
 */
export function sharedWink(): Wink {
  if (wink) return wink;
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as (model: unknown, pipe?: string[]) => Wink;
  // Sentences, parts of speech (lemmas need them) and entities; no sentiment or negation.
  wink = winkNLP(require('wink-eng-lite-web-model'), ['sbd', 'pos', 'ner']);
  builds += 1;
  return wink;
}

/** How many times this process built the model (0 or 1): the bench and tests read it. */
export const winkBuilds = (): number => builds;
