import type { Turn } from '../domain/types.js';

export interface ConversationStoreOptions {
  /** Turns kept per conversation; older ones are forgotten. */
  readonly maxTurns: number;
  /** A conversation idle longer than this starts afresh. */
  readonly maxAgeMs: number;
  /** Conversations kept at most; the least recently used go first. */
  readonly maxConversations?: number;
  readonly now?: () => number;
}

/** Remembers recent turns per conversation (a console session, a DM channel, a thread of replies). */
export interface ConversationStore {
  history(key: string): readonly Turn[];
  record(key: string, turn: Turn): void;
  clear(key: string): void;
  readonly size: number;
}

interface Entry {
  turns: Turn[];
  touchedAt: number;
}

/** Creates a bounded, in-memory conversation store: bounded turns, age and number of conversations. */
export function createConversationStore({
  maxTurns,
  maxAgeMs,
  maxConversations = 10_000,
  now = Date.now,
}: ConversationStoreOptions): ConversationStore {
  // A Map iterates in insertion order, so re-inserting on use makes the first key the least recent.
  const entries = new Map<string, Entry>();

  const fresh = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && now() - entry.touchedAt > maxAgeMs) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  return {
    history: (key) => fresh(key)?.turns ?? [],
    record(key, turn) {
      if (maxTurns === 0) return;
      const turns = [...(fresh(key)?.turns ?? []), turn].slice(-maxTurns);
      entries.delete(key);
      entries.set(key, { turns, touchedAt: now() });
      while (entries.size > maxConversations) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    clear: (key) => void entries.delete(key),
    get size() {
      return entries.size;
    },
  };
}
