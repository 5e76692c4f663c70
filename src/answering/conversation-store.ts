import { LRUCache } from 'lru-cache';
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

/** Creates a bounded, in-memory conversation store: bounded turns, age and number of conversations. */
export function createConversationStore({
  maxTurns,
  maxAgeMs,
  maxConversations = 10_000,
  now = Date.now,
}: ConversationStoreOptions): ConversationStore {
  // Each write restarts the conversation's time to live; reading an expired one drops it.
  // The clock is read on every check (ttlResolution 0) so an injected `now` is honoured exactly.
  const entries = new LRUCache<string, readonly Turn[]>({
    max: maxConversations,
    ttl: maxAgeMs,
    ttlResolution: 0,
    perf: { now },
  });

  return {
    history: (key) => entries.get(key) ?? [],
    record(key, turn) {
      if (maxTurns === 0) return;
      entries.set(key, [...(entries.get(key) ?? []), turn].slice(-maxTurns));
    },
    clear: (key) => void entries.delete(key),
    get size() {
      return entries.size;
    },
  };
}
