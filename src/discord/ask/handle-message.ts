import type { Message, ThreadChannel } from 'discord.js';
import { dmKey, rememberAnswer, threadKey } from './ask-flow.js';
import { deliverAnswer } from '../deliver/deliver-answer.js';
import { messageSurface, type Surface } from '../render/stream-surface.js';
import type { BotContext } from '../deliver/context.js';
import { guardMessage } from './guard.js';
import { plainMessage } from '../render/limits.js';
import { checkBeforeAnswer } from './pre-answer.js';
import { replyToMessage } from '../render/respond.js';
import { isBotThread, openThread, threadConversationKey } from './threads.js';
import { placeOf, settingsFor } from './channel-settings.js';
import type { ChannelSettings } from '../../storage/channel-settings.js';
import { keepTyping } from './typing.js';

/** The reaction on a question repeated inside the asker's cooldown, in a server. */
export const COOLDOWN_REACTION = '⏳';

/** How a message addresses the bot, if it does. */
interface Addressed {
  readonly question: string;
  /** The conversation it continues (a DM channel, a thread, a thread of replies), if any. */
  readonly historyKey?: string;
  /** The conversation it belongs to (a DM channel, a thread): the answer is recorded there. */
  readonly conversationKey?: string;
}

/** Ids of the bot's own managed role in this guild: mentioning it counts as mentioning the bot. */
function botRoleIds(message: Message, botId: string): string[] {
  return [...message.mentions.roles.values()]
    .filter((role) => role.tags?.botId === botId)
    .map((role) => role.id);
}

function stripMentions(content: string, botId: string, roleIds: readonly string[]): string {
  const ids = [botId, ...roleIds].join('|');
  return content
    .replace(new RegExp(`<@[!&]?(?:${ids})>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Decides whether a message is a question for the bot: any DM, a message that mentions it (by user
 * or by its role; @everyone alone does not count), a reply to one of its messages, any message in
 * a thread it opened, and any message in a channel set to "every message". Others, bots, webhooks
 * and the bot itself are ignored.
 */
export function addressedTo(
  message: Message,
  botId: string,
  settings: ChannelSettings,
): Addressed | undefined {
  if (message.author.bot || message.author.id === botId || message.system || message.webhookId)
    return undefined;
  const roleIds = message.inGuild() ? botRoleIds(message, botId) : [];
  const question = stripMentions(message.content, botId, roleIds);
  if (!message.inGuild()) {
    const key = dmKey(message.channelId);
    return { question, historyKey: key, conversationKey: key };
  }
  const inThread = message.channel.isThread();
  const thread = inThread ? threadConversationKey(message.channelId) : undefined;
  const own = thread !== undefined ? { historyKey: thread, conversationKey: thread } : {};
  const explicit =
    message.content.includes(`<@${botId}>`) || message.content.includes(`<@!${botId}>`) || roleIds.length > 0;
  const reference = message.reference?.messageId;
  const repliedToBot = reference !== undefined && message.mentions.repliedUser?.id === botId;
  // Without the Message Content intent a reply that did not ping arrives empty: nothing to answer.
  if (repliedToBot && question !== '')
    return thread !== undefined ? { question, ...own } : { question, historyKey: threadKey(reference) };
  if (explicit || (message.mentions.users.has(botId) && question !== '')) return { question, ...own };
  // In its own threads and dedicated channels every message is a question (given the content intent).
  const everyMessage =
    isBotThread(message.channel, botId) || (!inThread && settings.mode === 'every-message');
  if (everyMessage && question !== '') return { question, ...own };
  return undefined;
}

/** Answers a message question: checks, typing indicator, the answer as a reply, memory. */
export async function handleMessage(context: BotContext, message: Message): Promise<void> {
  const botId = message.client.user.id;
  if (message.author.bot || message.author.id === botId) return;
  const settings = await settingsFor(context, placeOf(message));
  const addressed = addressedTo(message, botId, settings);
  if (!addressed) return;
  const tell = (text: string) => replyToMessage(message, [plainMessage(text)]);
  await guardMessage(
    context.logger,
    message,
    () => answerMessage(context, message, { ...addressed, settings }, tell),
    tell,
  );
}

/** Where a message question is answered: in its new thread, or as a reply in place. */
function surfaceFor(message: Message, thread: ThreadChannel | undefined): Surface {
  if (thread)
    return messageSurface(
      (options) => thread.send(options),
      (options) => thread.send(options),
    );
  const channel = message.channel;
  return messageSurface(
    (options) => message.reply({ ...options, failIfNotExists: false }),
    (options) =>
      channel.isSendable() ? channel.send(options) : Promise.reject(new Error('channel not sendable')),
  );
}

async function answerMessage(
  context: BotContext,
  message: Message,
  {
    question: raw,
    historyKey,
    conversationKey: key,
    settings,
  }: Addressed & { readonly settings: ChannelSettings },
  tell: (text: string) => Promise<unknown>,
): Promise<void> {
  const checked = await checkBeforeAnswer(context, message.author.id, raw);
  // Every question gets exactly one reply, even a repeat: in a DM a short reason (only the sender
  // sees it); in a server a reaction on the repeat, since a public reply per repeat floods the channel.
  if (!checked.ok) {
    if (checked.reason === 'cooldown' && message.inGuild())
      return void (await message.react(COOLDOWN_REACTION));
    return void (await tell(checked.message));
  }
  const { question } = checked;
  const thread = settings.threads ? await openThread(message, question, context.logger) : undefined;
  const conversation = thread ? threadConversationKey(thread.id) : key;
  const channel = thread ?? message.channel;
  const stopTyping = channel.isSendable() ? keepTyping(channel, context.logger) : () => undefined;
  try {
    const history = historyKey === undefined ? [] : await context.shared.conversations.history(historyKey);
    const { answer, sent } = await deliverAnswer(context, {
      question,
      history,
      ...(settings.story !== undefined ? { articleId: settings.story } : {}),
      audience: message.guildId ?? '',
      asker: { channelKind: message.inGuild() ? 'server' : 'dm', userId: message.author.id },
      conversation,
      streamId: message.id,
      surface: surfaceFor(message, thread),
      editBudget: channel.id,
      restate: false,
      onShown: stopTyping,
    });
    await rememberAnswer(context, sent, {
      question,
      answer,
      history,
      ...(conversation !== undefined ? { conversationKey: conversation } : {}),
    });
  } finally {
    stopTyping();
  }
}
