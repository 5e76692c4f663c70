import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Turn } from '../../domain/types.js';
import { rememberAnswer } from './ask-flow.js';
import type { BotContext } from '../deliver/context.js';
import { deliverAnswer } from '../deliver/deliver-answer.js';
import { interactionSurface } from '../render/stream-surface.js';
import { openThread, threadConversationKey } from './threads.js';

/** One question asked through an interaction (/ask, a follow-up button), after its checks passed. */
export interface InteractionQuestion {
  readonly question: string;
  readonly articleId?: string;
  readonly ephemeral: boolean;
  /** The conversation it continues: its history is read, and the answer recorded there. */
  readonly conversationKey?: string;
  readonly history: readonly Turn[];
  /** Open a thread on the answer (named after the question) where the conversation continues. */
  readonly openThread?: boolean;
}

/**
 * Defers at once (Discord allows 3 s), then streams the answer into the reply (it restates the
 * question: others cannot see a command's input or who pressed a button).
 */
export async function answerInteraction(
  context: BotContext,
  interaction: RepliableInteraction,
  asked: InteractionQuestion,
): Promise<void> {
  const { question, history, ephemeral, conversationKey } = asked;
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const { answer, sent } = await deliverAnswer(context, {
    question,
    history,
    ...(asked.articleId !== undefined ? { articleId: asked.articleId } : {}),
    audience: interaction.guildId ?? '',
    asker: { channelKind: interaction.inGuild() ? 'server' : 'dm', userId: interaction.user.id },
    ...(conversationKey !== undefined && { conversation: conversationKey }),
    streamId: interaction.id,
    surface: interactionSurface(interaction, ephemeral),
    restate: true,
  });
  // A thread can only start on a message everyone sees, outside a thread.
  const starter = asked.openThread && !ephemeral ? sent[0] : undefined;
  const thread = starter ? await openThread(starter, question, context.logger) : undefined;
  const key = thread ? threadConversationKey(thread.id) : conversationKey;
  await rememberAnswer(context, sent, {
    question,
    answer,
    history,
    ...(key !== undefined ? { conversationKey: key } : {}),
  });
}
