import { InteractionContextType, MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { checkQuestion } from '../answering/question.js';
import { askEngine, dmKey, rememberAnswer } from './ask-flow.js';
import { STOPPING_MESSAGE, type BotContext } from './context.js';
import { retryMessage } from './cooldown.js';
import { renderAnswer } from './render-answer.js';
import { plainMessage } from './render-help.js';
import { editTo, replyTo } from './respond.js';
import { chooseStory } from './stories.js';

const tellPrivately = (interaction: ChatInputCommandInteraction, text: string) =>
  replyTo(interaction, [plainMessage(text)], { ephemeral: true });

/**
 * `/ask`: checks come first (story, length, cooldown) and are answered privately; then the reply
 * is deferred at once (Discord allows 3 s) and edited with the answer, which restates the question.
 */
export async function handleAsk(
  context: BotContext,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  if (context.isStopping()) return tellPrivately(interaction, STOPPING_MESSAGE);
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  const story = chooseStory(context.articles, interaction.options.getString('story'));
  if (!story.ok) return tellPrivately(interaction, story.message);
  const checked = checkQuestion(
    interaction.options.getString('question', true),
    context.options.maxQuestionLength,
  );
  if (!checked.ok) return tellPrivately(interaction, checked.message);
  const { question } = checked;
  const verdict = await context.shared.cooldowns.take(interaction.user.id);
  if (!verdict.ok) return tellPrivately(interaction, retryMessage(verdict.retryAt, context.now()));

  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  // In the bot's DMs, /ask shares the conversation with plain messages.
  const key = interaction.context === InteractionContextType.BotDM ? dmKey(interaction.channelId) : undefined;
  const history = key === undefined ? [] : await context.shared.conversations.history(key);
  const answer = await askEngine(context, question, history, story.article?.id);
  const messages = renderAnswer(answer, { question, findArticle: context.findArticle });
  const sent = await editTo(interaction, messages, { ephemeral });
  await rememberAnswer(context, sent, {
    question,
    answer,
    history,
    ...(key !== undefined ? { dmKey: key } : {}),
  });
}
