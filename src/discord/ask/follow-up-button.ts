import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { followUpAt } from '../../answering/intents/follow-ups.js';
import { answerInteraction } from './answer-interaction.js';
import { conversationOf, threadKey } from './ask-flow.js';
import type { BotContext } from '../deliver/context.js';
import { checkBeforeAnswer } from './pre-answer.js';
import { replyPrivately } from '../render/respond.js';

/**
 * A follow-up question button: asks its question as the presser, in the same place (privately if
 * the answer it is under was private), under the presser's own cooldown, continuing the
 * conversation of the answer it is under.
 */
export async function pressFollowUp(
  context: BotContext,
  interaction: ButtonInteraction,
  target: { readonly articleId: string; readonly paragraph: number; readonly topic: number },
  tampered: string,
): Promise<void> {
  const article = context.findArticle(target.articleId);
  const question = article ? followUpAt(article, target.paragraph, target.topic) : undefined;
  const tell = (text: string) => replyPrivately(interaction, text);
  if (!article || question === undefined) return tell(tampered);
  const checked = await checkBeforeAnswer(context, interaction.user.id, question);
  if (!checked.ok) return tell(checked.message);
  const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
  const shared = conversationOf(interaction);
  const key = shared ?? threadKey(interaction.message.id);
  await answerInteraction(context, interaction, {
    question: checked.question,
    articleId: article.id,
    ephemeral,
    history: await context.shared.conversations.history(key),
    ...(shared !== undefined ? { conversationKey: shared } : {}),
  });
}
