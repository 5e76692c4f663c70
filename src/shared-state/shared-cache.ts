import { LRUCache } from 'lru-cache';
import type { SharedBus } from './types.js';

/** A store read by key and written by entry, like the channel settings store. */
export interface KeyedStore<V extends object, E> {
  get(key: string): Promise<V | undefined>;
  set(entry: E): Promise<void>;
}

export interface CacheAcrossShardsOptions<E> {
  readonly bus: SharedBus;
  /** The bus topic, one per kind of record (e.g. `channel-settings`). */
  readonly topic: string;
  /** The key a written entry is read back by (e.g. its channel id). */
  readonly keyOf: (entry: E) => string;
  /** Keys cached at most (least recently used go first). */
  readonly max?: number;
}

const MISSING = Symbol('missing');

/**
 * Puts a per-process cache in front of `store` (a database, a file) and keeps every process's cache
 * right: a `set` on any shard announces the key on the bus, and each process drops it, so the next
 * `get` reads the store again. Other methods of the store pass through unchanged.
 */
export function cacheAcrossShards<V extends object, E, S extends KeyedStore<V, E>>(
  store: S,
  { bus, topic, keyOf, max = 10_000 }: CacheAcrossShardsOptions<E>,
): S {
  const cache = new LRUCache<string, V | typeof MISSING>({ max });
  bus.subscribe(topic, (key) => void cache.delete(key));
  return {
    ...store,
    async get(key: string) {
      const cached = cache.get(key);
      if (cached !== undefined) return cached === MISSING ? undefined : cached;
      const value = await store.get(key);
      cache.set(key, value ?? MISSING);
      return value;
    },
    async set(entry: E) {
      await store.set(entry);
      const key = keyOf(entry);
      cache.delete(key);
      // Every process (this one included) drops its copy; with Redis down, only this one is told.
      await bus.publish(topic, key);
    },
  };
}
