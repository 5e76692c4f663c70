import type { Answer, Turn } from '../domain/types.js';

/** A cooldown verdict: allowed, or refused until `retryAt` (ms since the epoch). */
export type SharedCooldownVerdict = { readonly ok: true } | { readonly ok: false; readonly retryAt: number };

/** Per-user cooldowns: one user is limited once, whichever process (shard) they reach. */
export interface SharedCooldowns {
  /** Takes a slot for the user if their cooldown has passed. Refusals do not extend it. */
  take(userId: string): Promise<SharedCooldownVerdict>;
}

/** The day's model tokens and the quota pause, counted once for every process. */
export interface SharedTokenCounter {
  /** Adds tokens to `day` (YYYY-MM-DD, UTC) and returns the day's total across processes. */
  add(day: string, tokens: number): Promise<number>;
  total(day: string): Promise<number>;
  /** Pauses model calls everywhere until `until` (ms since the epoch). */
  pause(until: number): Promise<void>;
  /** When the pause ends (0: no pause). */
  pausedUntil(): Promise<number>;
}

/** A held slot of the global model-call semaphore. */
export interface SlotLease {
  release(): Promise<void>;
}

/** The global cap on concurrent model calls: slots are leases, so a dead process's slots expire. */
export interface SharedSlots {
  /** A slot if one of `max` is free right now, else undefined (the caller waits and retries). */
  tryAcquire(max: number): Promise<SlotLease | undefined>;
}

/** Recent turns per conversation (DM channel, thread of replies). */
export interface SharedConversations {
  history(key: string): Promise<readonly Turn[]>;
  /** Appends turns in order, keeping the last `maxTurns`. */
  record(key: string, turns: readonly Turn[]): Promise<void>;
}

/** What the buttons under an answer need (not the retrieved passages: they are large and unused). */
export interface AnswerContext {
  readonly question: string;
  readonly answer: Pick<Answer, 'text' | 'mode' | 'citations' | 'choices'>;
}

/** The context behind an answer's buttons, by the id of the message carrying them. */
export interface SharedAnswers {
  remember(messageId: string, context: AnswerContext): Promise<void>;
  recall(messageId: string): Promise<AnswerContext | undefined>;
  /** Records a vote; false when this user already voted on this answer. */
  vote(messageId: string, userId: string): Promise<boolean>;
  /** Takes a vote back (recording it failed). */
  unvote(messageId: string, userId: string): Promise<void>;
}

/** Messages to every process (this one included), e.g. "channel settings changed". */
export interface SharedBus {
  publish(topic: string, message: string): Promise<void>;
  /** Calls `handler` for each message on `topic`; returns an unsubscribe function. */
  subscribe(topic: string, handler: (message: string) => void): () => void;
}

/** State that must be shared when storybot runs as several processes (Discord shards). */
export interface SharedState {
  /** `redis` when REDIS_URL is set (falling back to this process's memory while Redis is unreachable). */
  readonly kind: 'memory' | 'redis';
  /** False while Redis is unreachable (the per-process fallback is in use); always true in memory. */
  readonly shared: boolean;
  readonly cooldowns: SharedCooldowns;
  readonly tokens: SharedTokenCounter;
  readonly slots: SharedSlots;
  readonly conversations: SharedConversations;
  readonly answers: SharedAnswers;
  readonly bus: SharedBus;
  close(): Promise<void>;
}

/** Settings every implementation shares (from the configuration). */
export interface SharedStateOptions {
  /** USER_COOLDOWN_SECONDS; 0 turns cooldowns off. */
  readonly cooldownSeconds: number;
  /** CONVERSATION_MAX_TURNS and CONVERSATION_MAX_AGE_MINUTES (in ms). */
  readonly maxTurns: number;
  readonly maxAgeMs: number;
  /** How long an answer's buttons keep working (default 7 days in Redis; memory keeps the latest 1000). */
  readonly answerTtlMs?: number;
  /** A slot lease lasts this long unless renewed (default 10 s): a dead process frees its slots within it. */
  readonly leaseMs?: number;
  readonly now?: () => number;
}
