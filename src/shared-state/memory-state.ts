import { EventEmitter } from 'node:events';
import { LRUCache } from 'lru-cache';
import { createConversationStore, type ConversationStore } from '../answering/conversation-store.js';
import { createCooldown } from './memory-cooldown.js';
import type {
  AnswerContext,
  SharedSlots,
  SharedState,
  SharedStateOptions,
  SharedTokenCounter,
} from './types.js';

/** The latest answers whose buttons keep working in one process's memory. */
const MAX_ANSWERS = 1000;

function createMemoryTokens(): SharedTokenCounter {
  const days = new Map<string, number>();
  let pausedUntil = 0;
  return {
    add(day, tokens) {
      // Only today and yesterday matter: older days are dropped so the map stays tiny.
      if (!days.has(day)) for (const old of [...days.keys()].slice(0, -1)) days.delete(old);
      const total = (days.get(day) ?? 0) + tokens;
      days.set(day, total);
      return Promise.resolve(total);
    },
    total: (day) => Promise.resolve(days.get(day) ?? 0),
    pause(until) {
      pausedUntil = Math.max(pausedUntil, until);
      return Promise.resolve();
    },
    pausedUntil: () => Promise.resolve(pausedUntil),
  };
}

function createMemorySlots(): SharedSlots {
  let held = 0;
  return {
    tryAcquire(max) {
      if (held >= max) return Promise.resolve(undefined);
      held += 1;
      let released = false;
      return Promise.resolve({
        release() {
          if (!released) held -= 1;
          released = true;
          return Promise.resolve();
        },
      });
    },
  };
}

/**
 * Shared state for one process: the existing in-memory cooldown and conversation store behind the
 * shared interface. The default when REDIS_URL is unset, and the fallback while Redis is unreachable.
 */
export function createMemorySharedState(
  options: SharedStateOptions & {
    /** An existing conversation store to share (the console's), instead of a new one. */
    readonly conversations?: ConversationStore;
  },
): SharedState {
  const now = options.now ?? Date.now;
  const cooldown = createCooldown({ seconds: options.cooldownSeconds, now });
  const conversations =
    options.conversations ??
    createConversationStore({
      maxTurns: options.maxTurns,
      maxAgeMs: options.maxAgeMs,
      now,
    });
  const answers = new LRUCache<string, { context: AnswerContext; voters: Set<string> }>({ max: MAX_ANSWERS });
  const events = new EventEmitter();
  events.setMaxListeners(0);
  return {
    kind: 'memory',
    shared: true,
    cooldowns: { take: (userId) => Promise.resolve(cooldown.take(userId)) },
    tokens: createMemoryTokens(),
    slots: createMemorySlots(),
    conversations: {
      history: (key) => Promise.resolve(conversations.history(key)),
      record(key, turns) {
        for (const turn of turns) conversations.record(key, turn);
        return Promise.resolve();
      },
    },
    answers: {
      remember(messageId, context) {
        answers.set(messageId, { context, voters: new Set() });
        return Promise.resolve();
      },
      recall: (messageId) => Promise.resolve(answers.get(messageId)?.context),
      vote(messageId, userId) {
        const entry = answers.get(messageId);
        if (!entry || entry.voters.has(userId)) return Promise.resolve(false);
        entry.voters.add(userId);
        return Promise.resolve(true);
      },
      unvote(messageId, userId) {
        answers.get(messageId)?.voters.delete(userId);
        return Promise.resolve();
      },
    },
    bus: {
      publish(topic, message) {
        events.emit(topic, message);
        return Promise.resolve();
      },
      subscribe(topic, handler) {
        events.on(topic, handler);
        return () => void events.off(topic, handler);
      },
    },
    close: () => Promise.resolve(),
  };
}
