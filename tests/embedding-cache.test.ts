import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Embedder } from '../src/domain/ports.js';
import { loadEmbeddingCache } from '../src/retrieval/embedding-cache.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An embedder that records what it was asked and returns a distinct vector per text. */
function recordingEmbedder(): Embedder & { asked: string[] } {
  const asked: string[] = [];
  return {
    model: 'test-model',
    asked,
    embed: (texts) => {
      asked.push(...texts);
      return Promise.resolve(texts.map((text) => [text.length, 0.25, -1.5, 1 / 3]));
    },
  };
}

const cacheFile = () => path.join(dir, 'embeddings', 'test-model.jsonl');
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('embedding cache on disk', () => {
  it('stores compact lines and reads them back after a restart without embedding again', async () => {
    const first = recordingEmbedder();
    const cache = await loadEmbeddingCache({ dir, embedder: first });
    const [vector] = await cache.vectorsFor(['alpha beta']);
    expect(Array.from(vector ?? [])).toEqual([10, 0.25, -1.5, Math.fround(1 / 3)]);
    const line = JSON.parse((await readFile(cacheFile(), 'utf8')).trim()) as Record<string, unknown>;
    expect(Object.keys(line).sort()).toEqual(['f', 'h']);

    const second = recordingEmbedder();
    const restarted = await loadEmbeddingCache({ dir, embedder: second });
    expect(Array.from((await restarted.vectorsFor(['alpha beta']))[0] ?? [])).toEqual(
      Array.from(vector ?? []),
    );
    expect(second.asked).toEqual([]);
  });

  // No release ever wrote the JSON-number form (`v`), so it is not read: such a line is embedded again.
  it('skips a torn last line and lines in another form, embedding those texts again', async () => {
    await mkdir(path.dirname(cacheFile()), { recursive: true });
    await writeFile(cacheFile(), `${JSON.stringify({ h: sha('old text'), v: [0.5, -0.5] })}\n`);
    await appendFile(cacheFile(), `{"h":"${sha('torn text')}","f":"AAAg`);
    const embedder = recordingEmbedder();
    const cache = await loadEmbeddingCache({ dir, embedder });
    const [old, torn] = await cache.vectorsFor(['old text', 'torn text']);
    expect(old?.length).toBe(4);
    expect(torn?.length).toBe(4);
    expect(embedder.asked).toEqual(['old text', 'torn text']);

    const again = recordingEmbedder();
    const restarted = await loadEmbeddingCache({ dir, embedder: again });
    await restarted.vectorsFor(['old text', 'torn text']);
    expect(again.asked).toEqual([]);
  });
});
