import type { APIUser } from 'discord.js';
import type { CallbackRecord, Json, MessageRecord } from './types.js';

/**
 * Callback types allowed for each interaction type
 * (PONG is only for PING, which Discord never sends over the gateway).
 */
export const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
};

/** Everything the fake tracks about one interaction. */
export interface InteractionState {
  id: string;
  token: string;
  type: number;
  /** Command name (commands and autocomplete) or custom_id (components). */
  name: string;
  payload: Json;
  user: APIUser;
  channelId: string;
  dispatchedAt: number;
  /** The gateway shard the INTERACTION_CREATE went to (undefined: no session on it). */
  shard?: number;
  callbacks: CallbackRecord[];
  accepted?: CallbackRecord;
  /** Set once the interaction expired unanswered: every later callback gets 10062. */
  expired: boolean;
  /** The message @original refers to: the reply (4/5) or the component's message (6/7). */
  originalId?: string;
  followUps: MessageRecord[];
  /** PATCHes to @original (or to its id) so far. */
  edits: number;
  choices?: Json[];
  modal?: Json;
}

/** The visible outcome of an interaction when {@link InteractionHandle.waitForReply} resolves. */
export interface ReplyState {
  callback: CallbackRecord;
  original: MessageRecord | undefined;
  followUps: MessageRecord[];
  /** Autocomplete choices (callback type 8). */
  choices?: Json[];
  /** Modal data (callback type 9). */
  modal?: Json;
}

/** Options for {@link InteractionHandle.waitForReply}. */
export interface WaitForReplyOptions {
  /** Edits of @original to wait for (default: 1 after a deferral (5/6), else 0). */
  edits?: number;
  /** Follow-up messages to wait for (default 0). */
  followUps?: number;
  timeoutMs?: number;
}

/** A dispatched interaction, as tests see it. */
export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  readonly type: number;
  readonly dispatchedAt: number;
  /** The gateway shard it was sent to: (guild_id >> 22) % num_shards, 0 for DMs. */
  readonly shard: number | undefined;
  /** The INTERACTION_CREATE `d` payload sent to the bot. */
  readonly payload: Json;
  /** The first callback the bot POSTed (accepted or not); rejects after the ack deadline + wait timeout. */
  readonly ack: Promise<CallbackRecord>;
  /** Every callback POST, in order, including refused ones. */
  readonly callbacks: CallbackRecord[];
  /** The latest state of @original (reply, deferred reply, or the updated component message). */
  readonly original: MessageRecord | undefined;
  readonly followUps: MessageRecord[];
  readonly edits: number;
  readonly choices: Json[] | undefined;
  /** Resolves with the visible reply; rejects if the first callback was refused or on timeout. */
  waitForReply(options?: WaitForReplyOptions): Promise<ReplyState>;
}
