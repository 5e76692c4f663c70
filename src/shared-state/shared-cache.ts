import { LRUCache } from 'lru-cache';
import type { SharedBus } from './types.js';

/** A store read by key, like the channel settings store (`set(entry)` or `set(key, value)`). */
export interface KeyedStore<V extends object, A extends unknown[]> {
  get(key: string): Promise<V | undefined>;
  set(...args: A): Promise<void>;
}

export interface CacheAcrossShardsOptions<A extends unknown[]> {
  readonly bus: SharedBus;
  /** The bus topic, one per kind of record (e.g. `channel-settings`). */
  readonly topic: string;
  /** The key a write is read back by (e.g. its channel id), from the arguments of `set`. */
  readonly keyOf: (...args: A) => string;
  /** Keys cached at most (least recently used go first). */
  readonly max?: number;
}

const MISSING = Symbol('missing');

/**
 * Puts a per-process cache in front of `store` (a database, a file) and keeps every process's cache
 * right: a `set` on any shard announces the key on the bus, and each process drops it, so the next
 * `get` reads the store again. Other methods of the store pass through unchanged.
 */
export function cacheAcrossShards<V extends object, A extends unknown[], S extends KeyedStore<V, A>>(
  store: S,
  { bus, topic, keyOf, max = 10_000 }: CacheAcrossShardsOptions<A>,
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
    async set(...args: A) {
      await store.set(...args);
      const key = keyOf(...args);
      cache.delete(key);
      // Every process (this one included) drops its copy; with Redis down, only this one is told.
      await bus.publish(topic, key);
    },
  };
}
