import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash, createContentCache } from '../src/storage/content-cache.js';
import { withStoredCounts } from '../src/text/token-count.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-cache-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const isCount = (value: unknown): value is number => typeof value === 'number';

describe('the content cache on disk', () => {
  it('keeps a value across instances (processes) and keys it by content', () => {
    createContentCache({ dir, version: 'v1', isValue: isCount }).set('story text', 42);
    const again = createContentCache({ dir, version: 'v1', isValue: isCount });
    expect(again.get('story text')).toBe(42);
    expect(again.get('story text, edited')).toBeUndefined();
  });

  it('reads a damaged, foreign or older-version file as absent', async () => {
    const cache = createContentCache({ dir, version: 'v2', isValue: isCount });
    createContentCache({ dir, version: 'v1', isValue: isCount }).set('old', 1);
    expect(cache.get('old')).toBeUndefined();
    await writeFile(path.join(dir, `${contentHash('torn')}.json`), '{"version":"v2","val');
    expect(cache.get('torn')).toBeUndefined();
    await writeFile(path.join(dir, `${contentHash('shape')}.json`), '{"version":"v2","value":"many"}');
    expect(cache.get('shape')).toBeUndefined();
    await writeFile(path.join(dir, `${contentHash('null')}.json`), 'null');
    expect(cache.get('null')).toBeUndefined();
    cache.set('torn', 7);
    expect(cache.get('torn')).toBe(7);
  });

  it('stays bounded: past maxEntries the oldest files go', async () => {
    const cache = createContentCache({ dir, version: 'v1', isValue: isCount, maxEntries: 3 });
    for (let n = 0; n < 52; n += 1) cache.set(`text ${n}`, n);
    const files = (await readdir(dir)).filter((name) => name.endsWith('.json'));
    expect(files.some((name) => name.endsWith('.tmp'))).toBe(false);
    // The prune runs on the 1st, 51st, ... write: after the 51st only 3 were left, then one more.
    expect(files.length).toBe(4);
  });
});

describe('stored token counts', () => {
  it('counts a text once, then reads the count back without counting', async () => {
    const counted: string[] = [];
    const count = (text: string) => {
      counted.push(text);
      return Promise.resolve(text.length);
    };
    const store = () => createContentCache({ dir, version: 'o200k_base', isValue: isCount });
    expect(await withStoredCounts(count, store())('one story')).toBe(9);
    // A new process: a new counter over the same folder.
    expect(await withStoredCounts(count, store())('one story')).toBe(9);
    expect(counted).toEqual(['one story']);
  });
});
