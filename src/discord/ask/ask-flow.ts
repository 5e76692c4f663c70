import { InteractionContextType, type Message, type RepliableInteraction } from 'discord.js';
import type { Answer, Turn } from '../../domain/types.js';
import type { BotContext } from '../deliver/context.js';
import { threadConversationKey } from './threads.js';

/** The conversation key of a thread of replies that continues from one of the bot's messages. */
export const threadKey = (messageId: string) => `msg:${messageId}`;
/** The conversation key of a DM channel. */
export const dmKey = (channelId: string) => `dm:${channelId}`;

/** The conversation an interaction continues: its DM with the bot, or the thread it is in. */
export function conversationOf(interaction: RepliableInteraction): string | undefined {
  if (interaction.context === InteractionContextType.BotDM) return dmKey(interaction.channelId ?? '');
  if (interaction.channel?.isThread()) return threadConversationKey(interaction.channel.id);
  return undefined;
}

/**
 * Remembers an answer the bot just sent: for its buttons (keyed by the message carrying them),
 * for the DM conversation, and as the start of a reply thread from each message sent.
 */
export async function rememberAnswer(
  context: BotContext,
  sent: readonly Message[],
  exchange: {
    readonly question: string;
    readonly answer: Answer;
    readonly history: readonly Turn[];
    /** The conversation (a DM channel, a thread) the exchange belongs to. */
    readonly conversationKey?: string;
  },
): Promise<void> {
  const { question, answer, history } = exchange;
  const { answers, conversations } = context.shared;
  const buttonsOn = sent[sent.length - 1];
  const { text, mode, citations, choices } = answer;
  const saving: Promise<void>[] = [];
  // "Which story?" replies keep their choices: the story buttons re-ask the question with one.
  const kept = { text, mode, citations, ...(choices && { choices }) };
  if (buttonsOn) saving.push(answers.remember(buttonsOn.id, { question, answer: kept }));
  const turn: Turn = {
    question,
    answer: answer.text,
    cited: answer.citations.map(({ articleId, paragraph }) => ({ articleId, paragraph })),
  };
  if (exchange.conversationKey !== undefined)
    saving.push(conversations.record(exchange.conversationKey, [turn]));
  for (const message of sent) saving.push(conversations.record(threadKey(message.id), [...history, turn]));
  await Promise.all(saving);
}
