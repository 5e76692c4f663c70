import { LRUCache } from 'lru-cache';
import type { Article } from '../articles/types.js';
import type { Embedder } from '../domain/ports.js';
import type { EmbeddingCache, Vector } from './embedding-cache.js';
import { cosine } from './fuse.js';

/** Embedding similarity between a query and every paragraph of an article. */
export interface SemanticSearch {
  /** Paragraph number to cosine similarity, for one article. */
  similarities(articleId: string, query: string): Promise<Map<number, number>>;
}

/** What query embeddings share with chat: the concurrency cap and the token budget. */
export interface QueryGate {
  /** Runs the request within the cap on concurrent model calls. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Why model calls are paused (daily cap, quota), if they are: the query is then not embedded. */
  blockedReason?(): string | undefined;
}

/** Queries whose vectors are kept in memory; older ones are embedded again if asked again. */
const QUERY_CACHE_SIZE = 1_000;

/**
 * Embeds every paragraph once at start-up (through the on-disk cache, in batches) and each
 * query as it comes. Query vectors stay in a bounded in-memory cache, never on disk: questions
 * are endless, and a DM's text does not belong in a file.
 */
export async function createSemanticSearch(options: {
  articles: readonly Article[];
  cache: EmbeddingCache;
  embedder: Embedder;
  /** Query embeddings go through the same concurrency cap and budget as chat. */
  gate?: QueryGate;
}): Promise<SemanticSearch> {
  const { articles, cache, embedder, gate } = options;
  const embedOne = async (query: string) => {
    const blocked = gate?.blockedReason?.();
    if (blocked) throw new Error(`query not embedded: ${blocked}`);
    const call = () => embedder.embed([query]);
    return gate ? gate.run(call) : call();
  };
  const queries = new LRUCache<string, Vector>({ max: QUERY_CACHE_SIZE });
  const embedQuery = async (query: string): Promise<Vector> => {
    const known = queries.get(query);
    if (known) return known;
    const [vector = []] = await embedOne(query);
    const result = Float32Array.from(vector);
    queries.set(query, result);
    return result;
  };
  const paragraphs = articles.flatMap((article) => article.paragraphs);
  const vectors = await cache.vectorsFor(paragraphs.map((paragraph) => paragraph.text));
  const byArticle = new Map<string, { n: number; vector: Vector }[]>();
  paragraphs.forEach((paragraph, index) => {
    const list = byArticle.get(paragraph.articleId) ?? [];
    list.push({ n: paragraph.n, vector: vectors[index] ?? new Float32Array(0) });
    byArticle.set(paragraph.articleId, list);
  });

  return {
    async similarities(articleId, query) {
      const queryVector = await embedQuery(query);
      const result = new Map<number, number>();
      for (const { n, vector } of byArticle.get(articleId) ?? []) result.set(n, cosine(queryVector, vector));
      return result;
    },
  };
}
