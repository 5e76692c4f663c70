import type { ChatInputCommandInteraction } from 'discord.js';
import { answerInteraction } from '../ask/answer-interaction.js';
import { conversationOf } from '../ask/ask-flow.js';
import { placeOf, settingsFor } from '../ask/channel-settings.js';
import type { BotContext } from '../deliver/context.js';
import { checkBeforeAnswer } from '../ask/pre-answer.js';
import { replyPrivately } from '../render/respond.js';
import { chooseStory, storiesIn } from '../deliver/stories.js';
import { everywhere, addStoryOption } from './builders.js';
import type { Command } from './command.js';

const tellPrivately = (interaction: ChatInputCommandInteraction, text: string) =>
  replyPrivately(interaction, text);

/**
 * `/ask`: checks come first (story, then the shared pre-answer checks) and are answered privately;
 * then the answer is deferred and edited in.
 */
async function execute(context: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const settings = await settingsFor(context, placeOf(interaction));
  const ephemeral = interaction.options.getBoolean('private') ?? settings.private;
  const story = chooseStory(
    storiesIn(context.articles, interaction.guildId),
    interaction.options.getString('story') ?? settings.story ?? null,
  );
  if (!story.ok) return tellPrivately(interaction, story.message);
  const checked = await checkBeforeAnswer(
    context,
    interaction.user.id,
    interaction.options.getString('question', true),
  );
  if (!checked.ok) return tellPrivately(interaction, checked.message);
  // In the bot's DMs and in threads, /ask shares the conversation with plain messages.
  const key = conversationOf(interaction);
  await answerInteraction(context, interaction, {
    question: checked.question,
    ...(story.article ? { articleId: story.article.id } : {}),
    ephemeral,
    ...(key !== undefined ? { conversationKey: key } : {}),
    history: key === undefined ? [] : await context.shared.conversations.history(key),
    openThread: settings.threads && interaction.inGuild() && interaction.channel?.isThread() !== true,
  });
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
