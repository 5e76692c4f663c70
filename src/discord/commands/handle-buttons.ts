import type { ButtonInteraction } from 'discord.js';
import { answerInteraction } from '../ask/answer-interaction.js';
import type { BotContext } from '../deliver/context.js';
import { parseCustomId } from '../render/custom-ids.js';
import { pressFollowUp } from '../ask/follow-up-button.js';
import { pressRetry } from '../ask/retry-button.js';
import { renderParagraph, renderParagraphs, type ParagraphRef } from '../render/render-article.js';
import { replyPrivately, replyTo, updateTo } from '../render/respond.js';

const TAMPERED =
  "That button doesn't look like one of mine (it may have been altered). Try the command again.";
const FORGOTTEN =
  "I no longer have that answer in memory (it's old, or I restarted since). Ask again to get fresh buttons.";

const tell = (interaction: ButtonInteraction, text: string) => replyPrivately(interaction, text);

/** Prev/Next: the presser who ran /quote pages in place; anyone else gets a private copy. */
async function showQuote(
  context: BotContext,
  interaction: ButtonInteraction,
  articleId: string,
  n: number,
): Promise<void> {
  const article = context.findArticle(articleId);
  if (!article || n < 1 || n > article.paragraphs.length) return tell(interaction, TAMPERED);
  const owner = interaction.message.interactionMetadata?.user.id;
  const messages = renderParagraph(article, n);
  if (owner === undefined || owner === interaction.user.id) return updateTo(interaction, messages);
  return replyTo(interaction, messages, { ephemeral: true });
}

/** "Show paragraphs": from the custom id when encoded there, else from the remembered answer. */
async function paragraphRefs(
  context: BotContext,
  interaction: ButtonInteraction,
  encoded: { readonly articleId?: string; readonly paragraphs: readonly number[] },
): Promise<ParagraphRef[] | string> {
  if (encoded.articleId !== undefined) {
    const article = context.findArticle(encoded.articleId);
    const valid = article && encoded.paragraphs.every((n) => n >= 1 && n <= article.paragraphs.length);
    return article && valid ? encoded.paragraphs.map((paragraph) => ({ article, paragraph })) : TAMPERED;
  }
  const remembered = await context.shared.answers.recall(interaction.message.id);
  if (!remembered) return FORGOTTEN;
  const seen = new Set<string>();
  return remembered.answer.citations.flatMap(({ articleId, paragraph }) => {
    const article = context.findArticle(articleId);
    const key = `${articleId}:${paragraph}`;
    if (!article || seen.has(key)) return [];
    seen.add(key);
    return [{ article, paragraph }];
  });
}

/** 👍/👎: one vote per user per answer, written to the feedback log, acknowledged privately. */
async function vote(
  context: BotContext,
  interaction: ButtonInteraction,
  value: 'up' | 'down',
): Promise<void> {
  const { answers } = context.shared;
  const messageId = interaction.message.id;
  const remembered = await answers.recall(messageId);
  if (!remembered) return tell(interaction, FORGOTTEN);
  const userId = interaction.user.id;
  if (!(await answers.vote(messageId, userId)))
    return tell(interaction, "You've already rated this answer. Thanks!");
  try {
    await context.feedback.record({
      vote: value,
      userId,
      channelKind: interaction.inGuild() ? 'server' : 'dm',
      question: remembered.question,
      answer: remembered.answer.text,
      mode: remembered.answer.mode,
      cited: remembered.answer.citations.map(({ articleId, paragraph }) => ({ articleId, paragraph })),
    });
  } catch (error) {
    await answers.unvote(messageId, userId);
    throw error;
  }
  await tell(interaction, `Thanks for the feedback! Your ${value === 'up' ? '👍' : '👎'} is recorded.`);
}

const STOP_REPLIES = {
  'not-yours': 'Only the person who asked can stop this answer.',
  finished: 'That answer is already finished.',
} as const;

/** Stop: the asker ends an answer being written; the next edit shows what was verified. */
async function pressStop(
  context: BotContext,
  interaction: ButtonInteraction,
  streamId: string,
): Promise<void> {
  const result = context.stops.stop(streamId, interaction.user.id);
  if (result === 'stopped') return void (await interaction.deferUpdate());
  return tell(interaction, STOP_REPLIES[result]);
}

/** "Which story?": asks the remembered question again for the story picked, and answers in the channel. */
async function pickStory(context: BotContext, interaction: ButtonInteraction, index: number): Promise<void> {
  const remembered = await context.shared.answers.recall(interaction.message.id);
  if (!remembered) return tell(interaction, FORGOTTEN);
  const choice = remembered.answer.choices?.[index - 1];
  if (!choice || !context.findArticle(choice.id)) return tell(interaction, TAMPERED);
  await answerInteraction(context, interaction, {
    question: remembered.question,
    articleId: choice.id,
    ephemeral: false,
    history: [],
  });
}

/** Routes a button press; ids are validated, never trusted. */
export async function handleButton(context: BotContext, interaction: ButtonInteraction): Promise<void> {
  const action = parseCustomId(interaction.customId);
  if (!action) return tell(interaction, TAMPERED);
  switch (action.kind) {
    case 'quote':
      return showQuote(context, interaction, action.articleId, action.paragraph);
    case 'vote':
      return vote(context, interaction, action.vote);
    case 'follow-up':
      return pressFollowUp(context, interaction, action, TAMPERED);
    case 'stop':
      return pressStop(context, interaction, action.streamId);
    case 'story':
      return pickStory(context, interaction, action.index);
    case 'retry':
      return pressRetry(context, interaction, FORGOTTEN);
    case 'paragraphs': {
      const refs = await paragraphRefs(context, interaction, action);
      if (typeof refs === 'string') return tell(interaction, refs);
      return replyTo(interaction, renderParagraphs(refs), { ephemeral: true });
    }
  }
}
