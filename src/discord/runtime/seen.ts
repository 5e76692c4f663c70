import { LRUCache } from 'lru-cache';

/** Remembers recent ids so an event delivered twice (a replay after resume) is handled once. */
export interface Seen {
  /** True the first time an id is offered, false after. */
  first(id: string): boolean;
}

/** Creates a `Seen` that remembers the last `max` ids. */
export function createSeen(max = 2000): Seen {
  const ids = new LRUCache<string, true>({ max });
  return {
    first(id) {
      if (ids.has(id)) return false;
      ids.set(id, true);
      return true;
    },
  };
}
