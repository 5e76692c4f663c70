import type { APIAllowedMentions, APIEmbed, APIMessageTopLevelComponent, APIUser } from 'discord.js';

/** A JSON object as it travels over the wire. */
export type Json = Record<string, unknown>;

/** Options for {@link startFakeDiscord}. */
export interface FakeDiscordOptions {
  /** Time the bot has to send the initial interaction callback (Discord: 3000 ms). */
  ackDeadlineMs?: number;
  /** How long an interaction token accepts follow-ups and edits (Discord: 15 minutes). */
  tokenLifetimeMs?: number;
  /** Gateway heartbeat interval sent in Hello (Discord: 41250 ms). */
  heartbeatIntervalMs?: number;
  /** Default timeout of every `waitFor…` helper (5000 ms). */
  waitTimeoutMs?: number;
  /** Message edits allowed per bucket (a channel, or an interaction's webhook token) and window: 5 per 5000 ms. */
  editLimit?: EditLimit;
  /** The shard count GET /gateway/bot recommends (Discord: one per ~1000 guilds; default 1). */
  recommendedShards?: number;
}

export type { EditLimit, RateLimitedRecord } from './rate-limits.js';
import type { EditLimit } from './rate-limits.js';

/** Where a message record came from. */
export type MessageSource = 'user' | 'channel' | 'interaction-original' | 'follow-up';

/** A message as Discord stores it, plus a few fake-only fields (`source`, `editCount`, `allowed_mentions`). */
export interface MessageRecord {
  id: string;
  channel_id: string;
  /** Set on guild channels (sent on gateway payloads only, as Discord does). */
  guild_id?: string;
  author: APIUser;
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  flags: number;
  type: number;
  timestamp: string;
  edited_timestamp: string | null;
  mentions: APIUser[];
  mention_roles: string[];
  mention_everyone: boolean;
  attachments: Json[];
  pinned: boolean;
  tts: boolean;
  message_reference?: { type?: number; message_id?: string; channel_id?: string; guild_id?: string };
  webhook_id?: string;
  application_id?: string;
  interaction_metadata?: Json;
  /** As the bot sent it (request-only in Discord; kept here so tests can assert on pings). */
  allowed_mentions?: APIAllowedMentions;
  source: MessageSource;
  /** Number of edits applied after creation. */
  editCount: number;
  deleted: boolean;
}

/** One HTTP request the bot made. `path` is relative to `/api/v10`. */
export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  body: unknown;
  files: number;
  status: number;
  at: number;
}

/** Kinds of rule breaks the fake records. */
export type ViolationKind =
  | 'schema'
  | 'limit'
  | 'empty-message'
  | 'unknown-route'
  | 'unauthorized'
  | 'unknown-resource'
  | 'forbidden'
  | 'interaction'
  | 'gateway'
  /** A bug in the fake itself (an exception while handling a request). */
  | 'fake-error';

/** Something the real Discord would have rejected. */
export interface Violation {
  kind: ViolationKind;
  method: string;
  path: string;
  message: string;
  code?: number;
  errors?: unknown;
  at: number;
}

/** One interaction callback POST, accepted or not. */
export interface CallbackRecord {
  type: number;
  data: Json | undefined;
  at: number;
  /** HTTP status the fake answered with (204/200 when accepted). */
  status: number;
  error?: { code: number; message: string };
}

/** An application command option as sent in interaction data. */
export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOption[];
}

/** A reaction the bot added to a message. */
export interface ReactionRecord {
  channelId: string;
  messageId: string;
  /** The emoji as Discord routes it (a Unicode emoji, or name:id). */
  emoji: string;
  at: number;
}

/** A typing indicator the bot triggered. */
export interface TypingRecord {
  channelId: string;
  at: number;
}
