import type { Message } from 'discord.js';
import { checkQuestion as checkCleanQuestion } from '../answering/question.js';
import type { Answer, Turn } from '../answering/types.js';
import type { BotContext } from './context.js';

/** A question ready to ask (cleaned), or the friendly reason it can't be asked. */
export type QuestionCheck = { readonly ok: true; readonly question: string } | { readonly ok: false; readonly message: string };

/**
 * The rule shared by /ask and message questions, and by the console and command line: control,
 * zero-width and direction-override characters are removed, whitespace collapsed; a question
 * with no letters or digits (empty, emoji only) or over the length limit gets a friendly refusal.
 */
export function checkQuestion(raw: string, maxLength: number): QuestionCheck {
  const checked = checkCleanQuestion(raw, maxLength);
  return checked.ok ? checked : { ok: false, message: checked.message };
}

/** Asks the engine, with the conversation so far. */
export function askEngine(
  context: BotContext,
  question: string,
  history: readonly Turn[],
  articleId: string | undefined,
): Promise<Answer> {
  return context.answerer.answer({
    question,
    history,
    ...(articleId !== undefined ? { articleId } : {}),
    ...(context.options.k !== undefined ? { k: context.options.k } : {}),
  });
}

/** The conversation key of a thread of replies that continues from one of the bot's messages. */
export const threadKey = (messageId: string) => `msg:${messageId}`;
/** The conversation key of a DM channel. */
export const dmKey = (channelId: string) => `dm:${channelId}`;

/**
 * Remembers an answer the bot just sent: for its buttons (keyed by the message carrying them),
 * for the DM conversation, and as the start of a reply thread from each message sent.
 */
export function rememberAnswer(
  context: BotContext,
  sent: readonly Message[],
  exchange: { readonly question: string; readonly answer: Answer; readonly history: readonly Turn[]; readonly dmKey?: string },
): void {
  const { question, answer, history } = exchange;
  const buttonsOn = sent[sent.length - 1];
  if (buttonsOn) context.memory.remember(buttonsOn.id, { question, answer });
  const turn: Turn = {
    question,
    answer: answer.text,
    cited: answer.citations.map(({ articleId, paragraph }) => ({ articleId, paragraph })),
  };
  if (exchange.dmKey !== undefined) context.conversations.record(exchange.dmKey, turn);
  for (const message of sent) {
    for (const earlier of [...history, turn]) context.conversations.record(threadKey(message.id), earlier);
  }
}
