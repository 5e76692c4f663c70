import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Embedder } from '../domain/ports.js';
import type { Logger } from '../logging/logger.js';
import { createJsonlWriter } from '../storage/jsonl-file.js';

/** An embedding vector as the cache keeps it: 32-bit floats, the precision the API returns. */
export type Vector = Float32Array;

/** Vectors for texts, computed once per (model, text) and kept on disk across restarts. */
export interface EmbeddingCache {
  /** Vectors for the texts, in order: cached ones read, missing ones embedded in batches and stored. */
  vectorsFor(texts: readonly string[]): Promise<Vector[]>;
  readonly stats: { hits: number; misses: number };
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

const encode = (vector: Vector) =>
  Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');

function decode(base64: string): Vector {
  const bytes = Buffer.from(base64, 'base64');
  // Copied into its own buffer: a Float32Array needs 4-byte alignment, and pooled Buffers share memory.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** One cache line, `{"h": hash, "f": base64 Float32}`; any other form is skipped (its text is embedded again). */
function parseLine(line: string): [string, Vector] | undefined {
  const entry = JSON.parse(line) as { h?: unknown; f?: unknown };
  if (typeof entry.h !== 'string' || typeof entry.f !== 'string') return undefined;
  return [entry.h, decode(entry.f)];
}

// Read line by line: a cache of many stories outgrows the longest string V8 can hold (512 MB),
// and reading it whole would then fail and silently re-embed everything on every start.
async function readCache(file: string, logger?: Logger): Promise<Map<string, Vector>> {
  const vectors = new Map<string, Vector>();
  const input = createReadStream(file, { encoding: 'utf8' });
  const missing = new Promise<boolean>((resolve) => {
    input.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT'));
    input.once('open', () => resolve(false));
  });
  if (await missing) return vectors;
  let damaged = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    try {
      const entry = parseLine(line);
      if (entry) vectors.set(entry[0], entry[1]);
    } catch {
      damaged += 1;
    }
  }
  if (damaged > 0) logger?.warn({ file, damaged }, 'skipping damaged lines in the embedding cache');
  return vectors;
}

/**
 * Creates a cache in `<dir>/embeddings/<model>.jsonl`, one `{"h": sha256(text), "f": base64 float32}`
 * a line (a quarter of the size of JSON numbers, and far quicker to read back). Appending whole
 * lines keeps the file readable if the process dies mid-write: a torn last line is skipped on load
 * and that text is simply embedded again.
 */
export async function loadEmbeddingCache(options: {
  dir: string;
  embedder: Embedder;
  logger?: Logger;
}): Promise<EmbeddingCache> {
  const { dir, embedder, logger } = options;
  const file = path.join(dir, 'embeddings', `${embedder.model.replace(/[^\w.-]/g, '_')}.jsonl`);
  const vectors = await readCache(file, logger);
  const stats = { hits: 0, misses: 0 };
  const writer = createJsonlWriter<{ h: string; f: string }>(file);

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
          const vector = Float32Array.from(computed[index] ?? []);
          vectors.set(hash, vector);
          return { h: hash, f: encode(vector) };
        });
        await writer.appendMany(lines);
      }
      return hashes.map((hash) => vectors.get(hash) ?? new Float32Array(0));
    },
  };
}
