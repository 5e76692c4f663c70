import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Embedder } from '../../src/domain/ports.js';
import type { Article } from '../../src/articles/types.js';
import { createLogger } from '../../src/logging/logger.js';
import { createOpenAiEmbedder } from '../../src/llm/openai-embedder.js';
import { loadEmbeddingCache } from '../../src/retrieval/embedding-cache.js';
import { createSemanticSearch } from '../../src/retrieval/semantic-search.js';
import { startFakeOpenAi } from '../../tests/helpers/fake-openai.js';
import { round } from '../lib/stats.js';

/** The dimensions of text-embedding-3-small, so cache size and parse time are realistic. */
export const EMBEDDING_DIMENSIONS = 1536;
const MODEL = 'text-embedding-3-small';

/**
 * The fake server's vectors are sparse hashed bags of words; real ones have every component
 * non-zero. Adding a small deterministic dense part gives the cache file the size and parse cost
 * of real vectors, while every vector still comes from the fake server through the real SDK.
 */
function densified(embedder: Embedder): Embedder {
  return {
    model: embedder.model,
    async embed(texts) {
      const vectors = await embedder.embed(texts);
      return vectors.map((vector) =>
        vector.map((value, index) => value + Math.sin(index * 12.9898 + value * 78.233) * 1e-3),
      );
    },
  };
}

/** One start with embeddings on: time to a ready semantic index, and the requests it made. */
export interface EmbeddingStart {
  readonly ms: number;
  readonly requests: number;
  readonly textsEmbedded: number;
}

/** First start (empty cache: every paragraph embedded, in batches) against a later one (cache hit). */
export interface EmbeddingStartFigures {
  readonly articles: number;
  readonly paragraphs: number;
  readonly first: EmbeddingStart;
  readonly later: EmbeddingStart;
  readonly cacheFileMb: number;
}

/**
 * Builds the semantic index the way src/index.ts does (real SDK embedder, on-disk cache, semantic
 * search over every paragraph) against a fake embeddings server on 127.0.0.1, twice: with an empty
 * cache, then again with the cache the first start wrote.
 */
export async function measureEmbeddingStarts(articles: readonly Article[]): Promise<EmbeddingStartFigures> {
  const fake = await startFakeOpenAi({ embeddingDimensions: EMBEDDING_DIMENSIONS });
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-embeddings-'));
  const logger = createLogger({ level: 'silent' });
  const start = async (): Promise<EmbeddingStart> => {
    const requestsBefore = fake.embeddingCalls;
    const textsBefore = fake.embeddedTexts.length;
    const started = performance.now();
    const embedder = createOpenAiEmbedder({
      apiKey: 'sk-bench-0000',
      baseURL: fake.baseURL,
      model: MODEL,
      timeoutMs: 60_000,
      maxRetries: 0,
      logger,
    });
    const cache = await loadEmbeddingCache({ dir, embedder: densified(embedder), logger });
    await createSemanticSearch({ articles, cache, embedder });
    return {
      ms: round(performance.now() - started, 1),
      requests: fake.embeddingCalls - requestsBefore,
      textsEmbedded: fake.embeddedTexts.length - textsBefore,
    };
  };
  try {
    const first = await start();
    const later = await start();
    const file = path.join(dir, 'embeddings', `${MODEL}.jsonl`);
    const size = await stat(file).then(
      (info) => info.size,
      () => 0,
    );
    return {
      articles: articles.length,
      paragraphs: articles.reduce((sum, article) => sum + article.paragraphs.length, 0),
      first,
      later,
      cacheFileMb: round(size / 2 ** 20, 2),
    };
  } finally {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}
