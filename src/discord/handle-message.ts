import type { Message } from 'discord.js';
import { checkQuestion } from '../answering/question.js';
import { askEngine, dmKey, rememberAnswer, threadKey } from './ask-flow.js';
import { STOPPING_MESSAGE, type BotContext } from './context.js';
import { retryMessage } from './cooldown.js';
import { guardMessage } from './guard.js';
import { renderAnswer } from './render-answer.js';
import { plainMessage } from './render-help.js';
import { replyToMessage } from './respond.js';
import { keepTyping } from './typing.js';

/** How a message addresses the bot, if it does. */
interface Addressed {
  readonly question: string;
  /** The conversation it continues (a DM channel, a thread of replies), if any. */
  readonly historyKey?: string;
  readonly dmKey?: string;
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
 * or by its role; @everyone alone does not count), or a reply to one of its messages. Others,
 * bots, webhooks and the bot itself are ignored.
 */
export function addressedTo(message: Message, botId: string): Addressed | undefined {
  if (message.author.bot || message.author.id === botId || message.system || message.webhookId)
    return undefined;
  const roleIds = message.inGuild() ? botRoleIds(message, botId) : [];
  const question = stripMentions(message.content, botId, roleIds);
  if (!message.inGuild()) {
    const key = dmKey(message.channelId);
    return { question, historyKey: key, dmKey: key };
  }
  const explicit =
    message.content.includes(`<@${botId}>`) || message.content.includes(`<@!${botId}>`) || roleIds.length > 0;
  const reference = message.reference?.messageId;
  const repliedToBot = reference !== undefined && message.mentions.repliedUser?.id === botId;
  // Without the Message Content intent a reply that did not ping arrives empty: nothing to answer.
  if (repliedToBot && question !== '') return { question, historyKey: threadKey(reference) };
  if (explicit || (message.mentions.users.has(botId) && question !== '')) return { question };
  return undefined;
}

/** Answers a message question: checks, typing indicator, the answer as a reply, memory. */
export async function handleMessage(context: BotContext, message: Message): Promise<void> {
  const botId = message.client.user.id;
  const addressed = addressedTo(message, botId);
  if (!addressed) return;
  const tell = (text: string) => replyToMessage(message, [plainMessage(text)]);
  await guardMessage(context.logger, message, () => answerMessage(context, message, addressed, tell), tell);
}

async function answerMessage(
  context: BotContext,
  message: Message,
  { question: raw, historyKey, dmKey: key }: Addressed,
  tell: (text: string) => Promise<unknown>,
): Promise<void> {
  if (context.isStopping()) return void (await tell(STOPPING_MESSAGE));
  const checked = checkQuestion(raw, context.options.maxQuestionLength);
  if (!checked.ok) return void (await tell(checked.message));
  const { question } = checked;
  const verdict = await context.shared.cooldowns.take(message.author.id);
  // Every question gets exactly one reply, even a repeat: a short reason costs little, and in a
  // DM only the sender sees it (discord.js paces the sends within Discord's rate limits).
  if (!verdict.ok) return void (await tell(retryMessage(verdict.retryAt, context.now())));
  const channel = message.channel;
  const stopTyping = channel.isSendable() ? keepTyping(channel, context.logger) : () => undefined;
  try {
    const history = historyKey === undefined ? [] : await context.shared.conversations.history(historyKey);
    const answer = await askEngine(context, question, history, undefined);
    const sent = await replyToMessage(message, renderAnswer(answer, { findArticle: context.findArticle }));
    await rememberAnswer(context, sent, {
      question,
      answer,
      history,
      ...(key !== undefined ? { dmKey: key } : {}),
    });
  } finally {
    stopTyping();
  }
}
