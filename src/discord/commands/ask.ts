import { InteractionContextType, MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { askEngine, dmKey, rememberAnswer } from '../ask-flow.js';
import type { BotContext } from '../context.js';
import { plainMessage } from '../limits.js';
import { checkBeforeAnswer } from '../pre-answer.js';
import { renderAnswer } from '../render-answer.js';
import { editTo, replyTo } from '../respond.js';
import { chooseStory } from '../stories.js';
import { everywhere, addStoryOption } from './builders.js';
import type { Command } from './command.js';

const tellPrivately = (interaction: ChatInputCommandInteraction, text: string) =>
  replyTo(interaction, [plainMessage(text)], { ephemeral: true });

/**
 * `/ask`: checks come first (story, then the shared pre-answer checks) and are answered privately;
 * then the reply is deferred at once (Discord allows 3 s) and edited with the answer, which
 * restates the question.
 */
async function execute(context: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  const story = chooseStory(context.articles, interaction.options.getString('story'));
  if (!story.ok) return tellPrivately(interaction, story.message);
  const checked = checkBeforeAnswer(
    context,
    interaction.user.id,
    interaction.options.getString('question', true),
  );
  if (!checked.ok) return tellPrivately(interaction, checked.message);
  const { question } = checked;

  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  // In the bot's DMs, /ask shares the conversation with plain messages.
  const key = interaction.context === InteractionContextType.BotDM ? dmKey(interaction.channelId) : undefined;
  const history = key === undefined ? [] : context.conversations.history(key);
  const answer = await askEngine(context, question, history, story.article?.id);
  const messages = renderAnswer(answer, { question, findArticle: context.findArticle });
  const sent = await editTo(interaction, messages, { ephemeral });
  rememberAnswer(context, sent, { question, answer, history, ...(key !== undefined ? { dmKey: key } : {}) });
}

export const askCommand: Command = {
  name: 'ask',
  data: (setup) => {
    const builder = everywhere(
      'ask',
      'Ask a question about the story; the answer quotes the article word for word',
    )
      .addStringOption((option) =>
        option
          .setName('question')
          .setDescription('Your question')
          .setRequired(true)
          .setMinLength(2)
          .setMaxLength(Math.min(setup.maxQuestionLength, 6000)),
      )
      .addBooleanOption((option) => option.setName('private').setDescription('Show the answer only to you'));
    addStoryOption(builder, setup);
    return builder.toJSON();
  },
  execute,
};
