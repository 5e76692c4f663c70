import type { Gateway } from './gateway.js';
import type { InteractionState } from './interaction-state.js';
import type {
  FakeDiscordOptions,
  Json,
  MessageRecord,
  RequestRecord,
  ReactionRecord,
  TypingRecord,
  Violation,
} from './types.js';
import { createRateLimiter, type RateLimitedRecord, type RateLimiter } from './rate-limits.js';
import { createWaiters, type Waiters } from './waiters.js';
import { createWorld, type World } from './world.js';

/** Gateway intents the fake honours when deciding what to dispatch. */
export const INTENTS = {
  guilds: 1 << 0,
  guildMessages: 1 << 9,
  directMessages: 1 << 12,
  messageContent: 1 << 15,
} as const;

/** Everything the fake knows, shared by the HTTP routes, the gateway and the test-facing API. */
export interface FakeState {
  world: World;
  options: Required<FakeDiscordOptions>;
  waiters: Waiters;
  gateway: Gateway | undefined;
  messages: MessageRecord[];
  requests: RequestRecord[];
  violations: Violation[];
  typing: TypingRecord[];
  reactions: ReactionRecord[];
  commands: Json[];
  /** Interactions by token. */
  interactions: Map<string, InteractionState>;
  /** Per-route limits on message edits, and the requests they refused. */
  rateLimiter: RateLimiter;
  rateLimited: RateLimitedRecord[];
  /** Users whose DMs are closed to the bot (POST to their DM channel -> 50007). */
  blockedDmUsers: Set<string>;
  /**
   * Dispatches to the bot when a session exists (no-op otherwise); `intent` gates it like Discord does.
   * Events with a `guild_id` go to that guild's shard, others (DMs) to shard 0.
   */
  emit(type: string, data: Json, intent?: number): void;
}

/** Creates the shared state with defaults filled in. */
export function createState(options: FakeDiscordOptions): FakeState {
  const full: Required<FakeDiscordOptions> = {
    ackDeadlineMs: options.ackDeadlineMs ?? 3000,
    tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    waitTimeoutMs: options.waitTimeoutMs ?? 5000,
    editLimit: options.editLimit ?? { limit: 5, windowMs: 5000 },
    recommendedShards: options.recommendedShards ?? 1,
  };
  const state: FakeState = {
    world: createWorld(),
    options: full,
    waiters: createWaiters(full.waitTimeoutMs),
    gateway: undefined,
    messages: [],
    requests: [],
    violations: [],
    typing: [],
    reactions: [],
    commands: [],
    interactions: new Map(),
    rateLimiter: createRateLimiter(full.editLimit),
    rateLimited: [],
    blockedDmUsers: new Set(),
    emit(type, data, intent) {
      const gateway = state.gateway;
      if (!gateway?.hasSession()) return;
      const guildId = typeof data.guild_id === 'string' ? data.guild_id : undefined;
      if (intent !== undefined && (gateway.intentsFor(guildId) & intent) === 0) return;
      gateway.dispatch(type, data, guildId);
    },
  };
  return state;
}
