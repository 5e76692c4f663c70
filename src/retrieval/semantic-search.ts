import type { Article } from '../articles/types.js';
import type { EmbeddingCache, Vector } from './embedding-cache.js';
import { cosine } from './fuse.js';

/** Embedding similarity between a query and every paragraph of an article. */
export interface SemanticSearch {
  /** Paragraph number to cosine similarity, for one article. */
  similarities(articleId: string, query: string): Promise<Map<number, number>>;
}

/**
 * Embeds every paragraph once at start-up (through the on-disk cache, in batches) and
 * each query as it comes.
 */
export async function createSemanticSearch(options: {
  articles: readonly Article[];
  cache: EmbeddingCache;
}): Promise<SemanticSearch> {
  const { articles, cache } = options;
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
      const [queryVector = new Float32Array(0)] = await cache.vectorsFor([query]);
      const result = new Map<number, number>();
      for (const { n, vector } of byArticle.get(articleId) ?? []) result.set(n, cosine(queryVector, vector));
      return result;
    },
  };
}
