import type { APIUser } from 'discord.js';
import { createMessage, emitMessage } from './messages.js';
import type { FakeState } from './state.js';
import type { MessageRecord } from './types.js';

/** Input of `fake.sendMessage`: a human posting in the guild or in the bot's DMs. */
export interface SendMessageInput {
  content: string;
  author: APIUser;
  /** Guild channel (default: the referenced message's channel, else fake.channelId). */
  channelId?: string;
  /** Post in the author's DM with the bot instead. */
  dm?: boolean;
  /** Prepends `<@botId> ` unless the content already mentions the bot. */
  mentionsBot?: boolean;
  /** Makes this a reply (message_reference + referenced_message, type 19). */
  referencedMessage?: MessageRecord;
  /** A reply pings the replied-to author by default, as in the Discord client. */
  replyPing?: boolean;
}

/** Stores a user's message and dispatches MESSAGE_CREATE (if the bot's intents cover it). */
export function sendUserMessage(state: FakeState, input: SendMessageInput): MessageRecord {
  const { world } = state;
  if (!state.gateway?.hasSession())
    throw new Error('fake-discord: no gateway session; await fake.waitForReady() first');
  const reference = input.referencedMessage;
  const channelId = input.dm
    ? world.dmChannelFor(input.author)
    : (input.channelId ?? reference?.channel_id ?? world.channelId);
  const botId = world.botUser.id;
  const mentioned = new RegExp(`<@!?${botId}>`).test(input.content);
  const content = input.mentionsBot && !mentioned ? `<@${botId}> ${input.content}` : input.content;
  const body = { content, ...(reference ? { message_reference: { message_id: reference.id } } : {}) };
  const record = createMessage(state, { channelId, author: input.author, body, source: 'user' });
  const pinged =
    reference && (input.replyPing ?? true) && !record.mentions.some((u) => u.id === reference.author.id);
  if (pinged) record.mentions.push(reference.author);
  emitMessage(state, 'MESSAGE_CREATE', record);
  return record;
}
