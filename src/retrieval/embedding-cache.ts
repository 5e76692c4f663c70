import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Embedder } from '../answering/llm.js';
import type { Logger } from '../logging/logger.js';

/** Vectors for texts, computed once per (model, text) and kept on disk across restarts. */
export interface EmbeddingCache {
  /** Vectors for the texts, in order: cached ones read, missing ones embedded in batches and stored. */
  vectorsFor(texts: readonly string[]): Promise<number[][]>;
  readonly stats: { hits: number; misses: number };
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Creates a cache in `<dir>/embeddings/<model>.jsonl`, one `{"h": sha256(text), "v": [...]}` a line.
 * Appending whole lines keeps the file readable if the process dies mid-write: a torn last line
 * is skipped on load and that text is simply embedded again.
 */
export async function loadEmbeddingCache(options: {
  dir: string;
  embedder: Embedder;
  logger?: Logger;
}): Promise<EmbeddingCache> {
  const { dir, embedder, logger } = options;
  const file = path.join(dir, 'embeddings', `${embedder.model.replace(/[^\w.-]/g, '_')}.jsonl`);
  const vectors = new Map<string, number[]>();
  const text = await readFile(file, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as { h?: unknown; v?: unknown };
      if (typeof entry.h === 'string' && Array.isArray(entry.v)) vectors.set(entry.h, entry.v as number[]);
    } catch {
      logger?.warn({ file }, 'skipping a damaged line in the embedding cache');
    }
  }
  const stats = { hits: 0, misses: 0 };

  return {
    stats,
    async vectorsFor(texts) {
      const hashes = texts.map(hashOf);
      const missing = [...new Set(hashes.filter((hash) => !vectors.has(hash)))];
      stats.hits += hashes.length - missing.length;
      stats.misses += missing.length;
      if (missing.length > 0) {
        const byHash = new Map(texts.map((value, index) => [hashes[index], value]));
        const computed = await embedder.embed(missing.map((hash) => byHash.get(hash) ?? ''));
        const lines = missing.map((hash, index) => {
          const vector = computed[index] ?? [];
          vectors.set(hash, vector);
          return `${JSON.stringify({ h: hash, v: vector })}\n`;
        });
        await mkdir(path.dirname(file), { recursive: true });
        await appendFile(file, lines.join(''));
      }
      return hashes.map((hash) => vectors.get(hash) ?? []);
    },
  };
}
