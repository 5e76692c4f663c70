/** Remembers recent ids so an event delivered twice (a replay after resume) is handled once. */
export interface Seen {
  /** True the first time an id is offered, false after. */
  first(id: string): boolean;
}

export function createSeen(max = 2000): Seen {
  const ids = new Set<string>();
  return {
    first(id) {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > max) {
        const oldest = ids.values().next().value;
        if (oldest !== undefined) ids.delete(oldest);
      }
      return true;
    },
  };
}
