import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Values computed from a text once and kept on disk across processes, one JSON file per content
 * hash. Synchronous on purpose: a read is one small file, cheaper than the work it saves, and
 * callers on the answering path (the NLP module) are synchronous.
 */
export interface ContentCache<V> {
  /** The stored value for this key, or undefined when absent, unreadable or of the wrong shape. */
  get(key: string): V | undefined;
  /** Stores the value; a failure to write is ignored (the value is simply computed again next time). */
  set(key: string, value: V): void;
}

export interface ContentCacheOptions<V> {
  /** The folder for this kind of value, e.g. `<STORYBOT_CACHE_DIR>/nlp`. */
  readonly dir: string;
  /** Bumped when the stored shape or what computes it changes: older entries are then ignored. */
  readonly version: string;
  /** Checks a parsed file: anything else reads as absent (and is recomputed). */
  readonly isValue: (value: unknown) => value is V;
  /** Most files kept; past it the oldest are deleted. */
  readonly maxEntries?: number;
}

/** The sha256 of a text (or of several parts, kept apart), hex: the key a content cache files a value under. */
export function contentHash(...parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest('hex');
}

interface Stored {
  readonly version: string;
  readonly value: unknown;
}

/**
 * Creates a bounded content cache. Writes go to a temporary file renamed into place, so a reader
 * (another process) never sees half a file; a damaged or foreign file reads as absent.
 */
export function createContentCache<V>(options: ContentCacheOptions<V>): ContentCache<V> {
  const { dir, version, isValue, maxEntries = 2_000 } = options;
  const fileOf = (key: string) => path.join(dir, `${contentHash(key)}.json`);
  let writes = 0;

  const prune = () => {
    const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
    if (files.length <= maxEntries) return;
    const dated = files.map((name) => ({ name, time: statSync(path.join(dir, name)).mtimeMs }));
    dated.sort((a, b) => a.time - b.time);
    for (const { name } of dated.slice(0, files.length - maxEntries))
      rmSync(path.join(dir, name), { force: true });
  };

  return {
    get(key) {
      let stored: Stored;
      try {
        stored = JSON.parse(readFileSync(fileOf(key), 'utf8')) as Stored;
      } catch {
        return undefined;
      }
      return stored?.version === version && isValue(stored.value) ? stored.value : undefined;
    },
    set(key, value) {
      try {
        mkdirSync(dir, { recursive: true });
        const file = fileOf(key);
        const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
        writeFileSync(temporary, JSON.stringify({ version, value } satisfies Stored));
        renameSync(temporary, file);
        // Bounded: checked every so often rather than on every write.
        writes += 1;
        if (writes % 50 === 1) prune();
      } catch {
        // A read-only or full disk costs only the recomputation.
      }
    },
  };
}
