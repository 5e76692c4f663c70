import { createRequire } from 'node:module';
import path from 'node:path';
import { createContentCache } from '../storage/content-cache.js';
import type { AnalysisStore, StoryAnalysis } from '../text/nlp.js';
import type { StoredCounts } from '../text/token-count.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const isToken = (value: unknown) =>
  isRecord(value) &&
  typeof value.text === 'string' &&
  typeof value.lemma === 'string' &&
  typeof value.pos === 'string' &&
  typeof value.stop === 'boolean' &&
  (value.entity === undefined || typeof value.entity === 'string');

const isSentence = (value: unknown) =>
  isRecord(value) &&
  typeof value.text === 'string' &&
  Array.isArray(value.tokens) &&
  value.tokens.every(isToken);

function isStoryAnalysis(value: unknown): value is StoryAnalysis {
  return (
    isRecord(value) &&
    Array.isArray(value.paragraphs) &&
    value.paragraphs.every((sentences) => Array.isArray(sentences) && sentences.every(isSentence))
  );
}

/**
 * Story analyses on disk in `<cacheDir>/nlp`, one file per story content hash, and the model's
 * lexicon beside them, for the model version installed (an upgrade reads as absent: stories are
 * analysed again). Bounded to 5,000 stories.
 */
export function createAnalysisStore(cacheDir: string): AnalysisStore {
  const { version } = createRequire(import.meta.url)('wink-eng-lite-web-model/package.json') as {
    version: string;
  };
  const dir = path.join(cacheDir, 'nlp');
  const tag = `wink-eng-lite-web-model@${version}/sbd,pos,ner/1`;
  return {
    stories: createContentCache({ dir, version: tag, isValue: isStoryAnalysis, maxEntries: 5_000 }),
    lexicon: createContentCache({
      dir: path.join(dir, 'lexicon'),
      version: tag,
      isValue: (value): value is string => typeof value === 'string' && value.includes('\t'),
    }),
  };
}

/** Token counts of stories as the prompt renders them, on disk in `<cacheDir>/token-counts` (o200k_base). */
export function createTokenCountStore(cacheDir: string): StoredCounts {
  return createContentCache<number>({
    dir: path.join(cacheDir, 'token-counts'),
    version: 'o200k_base',
    isValue: (value): value is number => Number.isInteger(value) && (value as number) >= 0,
    maxEntries: 5_000,
  });
}
