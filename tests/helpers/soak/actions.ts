import type { APIUser } from 'discord.js';
import type { FakeDiscord, InteractionHandle, MessageRecord } from '../fake-discord/index.js';
import { classifyAnswer, classifyOther, stillWriting, type Classified } from './classify.js';

/** What a simulated user does. */
export type ActionKind =
  | 'ask-guild'
  | 'ask-dm'
  | 'ask-private'
  | 'ask-impatient'
  | 'dm'
  | 'mention'
  | 'reply'
  | 'vote'
  | 'show-paragraphs'
  | 'quote'
  | 'article'
  | 'help';

/** One simulated user and what it has seen. */
export interface SoakUser {
  readonly user: APIUser;
  /** Its own guild channel, so typing and replies are unambiguous. */
  readonly channelId: string;
  readonly dmChannelId: string;
  /** POSTs to its DM channel get 50007. */
  readonly dmsClosed: boolean;
  /** Its latest answer that carries buttons (guild or DM). */
  lastAnswer?: MessageRecord;
  /** Its latest answer in a guild channel, to reply to. */
  lastGuildAnswer?: MessageRecord;
}

/** The result of one action, measured. */
export interface ActionResult extends Classified {
  readonly kind: ActionKind;
  /** Interactions: dispatch to first callback. */
  readonly ackMs?: number;
  /** Messages: to the first sign of life (typing or the reply). */
  readonly firstResponseMs?: number;
  /** To the reply (or the refusal Discord gave the bot, for undeliverable DMs). */
  readonly doneMs?: number;
  /** Extra replies to this one question, counted again later (must stay 0). */
  readonly duplicates: () => number;
  /** POSTs Discord refused with 50007 for this question (the bot must not keep retrying). */
  readonly refusedSends: () => number;
}

const ANSWER_KINDS = new Set<ActionKind>(['ask-guild', 'ask-dm', 'ask-private', 'ask-impatient']);

/** Waits (polling: an interaction handle has no event to wait on) until a streamed reply is final. */
async function untilFinal(current: () => MessageRecord | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = current();
    if (!message || !stillWriting(message)) return;
    if (Date.now() > deadline) throw new Error('the answer was never finished');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends a slash command or button press and waits for its visible reply. */
export async function runInteraction(
  kind: ActionKind,
  ix: InteractionHandle,
  timeoutMs: number,
): Promise<ActionResult> {
  let classified: Classified;
  try {
    const reply = await ix.waitForReply({ timeoutMs });
    // A streamed answer is classified once its final edit is in.
    await untilFinal(() => ix.original, timeoutMs);
    classified = ANSWER_KINDS.has(kind) ? classifyAnswer(reply.original) : classifyOther(reply.original);
  } catch (error) {
    classified = { outcome: 'lost', detail: error instanceof Error ? error.message.slice(0, 120) : 'lost' };
  }
  const first = ix.callbacks.find((callback) => callback.status < 300);
  const original = ix.original;
  const doneAt = original ? Date.parse(original.edited_timestamp ?? original.timestamp) : undefined;
  return {
    kind,
    ...classified,
    ...(first ? { ackMs: first.at - ix.dispatchedAt } : {}),
    ...(doneAt !== undefined && classified.outcome !== 'lost'
      ? { doneMs: Math.max(0, doneAt - ix.dispatchedAt) }
      : {}),
    // A second callback (refused 40060, or accepted) means the bot answered twice.
    duplicates: () => Math.max(0, ix.callbacks.length - 1),
    refusedSends: () => 0,
  };
}

/** Sends a user message (DM, mention, reply) and waits for the bot's reply to it. */
export async function runMessage(
  fake: FakeDiscord,
  kind: ActionKind,
  sent: MessageRecord,
  who: SoakUser,
  timeoutMs: number,
): Promise<ActionResult> {
  const sentAt = Date.parse(sent.timestamp);
  const channel = sent.channel_id;
  const repliesTo = (m: MessageRecord) => m.message_reference?.message_id === sent.id;
  const refused = () =>
    fake.requests.filter(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${channel}/messages` &&
        r.status === 403 &&
        r.at >= sentAt,
    ).length;
  const blocked = who.dmsClosed && channel === who.dmChannelId;
  let classified: Classified;
  let doneAt: number | undefined;
  try {
    if (blocked) {
      doneAt = await fake.waitFor(
        () =>
          fake.requests.find(
            (r) => r.at >= sentAt && r.status === 403 && r.path === `/channels/${channel}/messages`,
          )?.at,
        'a refused DM',
        timeoutMs,
      );
      classified = { outcome: 'undeliverable', detail: 'dms-closed (50007)' };
    } else {
      // In a server, a repeat inside the cooldown is told by a reaction, not a reply.
      const reacted = () => fake.reactions.find((r) => r.messageId === sent.id);
      const first = await fake.waitFor(
        () => fake.messages.find(repliesTo) ?? reacted(),
        'a reply or a reaction',
        timeoutMs,
      );
      if ('emoji' in first) {
        doneAt = first.at;
        classified = { outcome: 'told', detail: 'cooldown (reaction)' };
      } else {
        const reply = first;
        await fake.waitFor(() => (stillWriting(reply) ? undefined : true), 'the final answer', timeoutMs);
        doneAt = Date.parse(reply.edited_timestamp ?? reply.timestamp);
        classified = classifyAnswer(reply);
        if (reply.embeds.length > 0) {
          who.lastAnswer = reply;
          if (reply.guild_id !== undefined || channel !== who.dmChannelId) who.lastGuildAnswer = reply;
        }
      }
    }
  } catch (error) {
    classified = { outcome: 'lost', detail: error instanceof Error ? error.message.slice(0, 120) : 'lost' };
  }
  const typing = fake.typing.find((t) => t.channelId === channel && t.at >= sentAt)?.at;
  const first = [typing, doneAt].filter((at): at is number => at !== undefined);
  return {
    kind,
    ...classified,
    ...(first.length > 0 ? { firstResponseMs: Math.max(0, Math.min(...first) - sentAt) } : {}),
    ...(doneAt !== undefined ? { doneMs: Math.max(0, doneAt - sentAt) } : {}),
    duplicates: () => Math.max(0, fake.messages.filter(repliesTo).length - 1),
    refusedSends: refused,
  };
}

/** Remembers an answer with buttons from an interaction (for later presses and replies). */
export function noteAnswer(
  who: SoakUser,
  result: ActionResult,
  ix: InteractionHandle,
  inGuild: boolean,
): void {
  const original = ix.original;
  if (result.outcome !== 'answered' || !original || original.components.length === 0) return;
  who.lastAnswer = original;
  if (inGuild && (original.flags & 64) === 0) who.lastGuildAnswer = original;
}
