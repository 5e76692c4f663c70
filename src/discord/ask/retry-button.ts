import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { answerInteraction } from './answer-interaction.js';
import { conversationOf, threadKey } from './ask-flow.js';
import type { BotContext } from '../deliver/context.js';
import { plainMessage } from '../render/limits.js';
import { checkBeforeAnswer } from './pre-answer.js';
import { replyTo } from '../render/respond.js';

/**
 * Retry, under an answer the model failed partway through: asks the remembered question again as
 * the presser (under their cooldown), in the same place (privately if the answer was private), in
 * the conversation the answer continued, about the same story.
 */
export async function pressRetry(
  context: BotContext,
  interaction: ButtonInteraction,
  forgotten: string,
): Promise<void> {
  const tell = (text: string) => replyTo(interaction, [plainMessage(text)], { ephemeral: true });
  const remembered = await context.shared.answers.recall(interaction.message.id);
  if (!remembered) return tell(forgotten);
  const checked = await checkBeforeAnswer(context, interaction.user.id, remembered.question);
  if (!checked.ok) return tell(checked.message);
  const articleId = remembered.answer.citations[0]?.articleId;
  const shared = conversationOf(interaction);
  const key = shared ?? threadKey(interaction.message.id);
  const history = await context.shared.conversations.history(key);
  await answerInteraction(context, interaction, {
    question: checked.question,
    ...(articleId !== undefined && context.findArticle(articleId) ? { articleId } : {}),
    ephemeral: interaction.message.flags.has(MessageFlags.Ephemeral),
    // The cut-short exchange is in this conversation already: the retry answers the question before it.
    history: history.at(-1)?.question === remembered.question ? history.slice(0, -1) : history,
    ...(shared !== undefined ? { conversationKey: shared } : {}),
  });
}
