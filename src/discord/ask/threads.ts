import { ThreadAutoArchiveDuration, type Message, type ThreadChannel } from 'discord.js';
import type { Logger } from '../../logging/logger.js';
import { truncate } from '../render/limits.js';

/** Discord's limit on a thread name. */
export const THREAD_NAME_MAX = 100;
/** Threads archive after a day without messages (Discord's auto-archive; they reopen on a new message). */
export const THREAD_ARCHIVE = ThreadAutoArchiveDuration.OneDay;

/** The conversation key of a thread: its messages share one memory. */
export const threadConversationKey = (threadId: string) => `thread:${threadId}`;

/** A thread's name: the question on one line, trimmed to Discord's 100 characters. */
export function threadName(question: string): string {
  const oneLine = question.replace(/\s+/g, ' ').trim();
  return truncate(oneLine || 'Question', THREAD_NAME_MAX);
}

/** Whether a channel is a thread this bot opened (where every message is a question for it). */
export function isBotThread(
  channel: { isThread(): boolean; readonly ownerId?: string | null },
  botId: string,
): boolean {
  return channel.isThread() && channel.ownerId === botId;
}

/**
 * Opens a thread on a message (the asker's question, or the bot's answer to /ask), named after
 * the question. A refusal (no permission, a thread already there) is logged and answered in place.
 */
export async function openThread(
  message: Message,
  question: string,
  logger: Logger,
): Promise<ThreadChannel | undefined> {
  if (!message.inGuild() || message.channel.isThread()) return undefined;
  try {
    return await message.startThread({ name: threadName(question), autoArchiveDuration: THREAD_ARCHIVE });
  } catch (error) {
    logger.warn(
      { event: 'thread', guildId: message.guildId, err: error },
      'could not open a thread; answering in place',
    );
    return undefined;
  }
}
