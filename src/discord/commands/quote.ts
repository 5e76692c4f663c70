import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../deliver/context.js';
import { renderParagraph } from '../render/render-article.js';
import { replyPrivately, replyTo } from '../render/respond.js';
import { chooseStory, storiesIn } from '../deliver/stories.js';
import { everywhere, addStoryOption } from './builders.js';
import type { Command } from './command.js';

/** `/quote`: one paragraph verbatim; a number out of range gets the valid range. */
async function execute(context: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const articles = storiesIn(context.articles, interaction.guildId);
  const story = chooseStory(articles, interaction.options.getString('story'));
  if (!story.ok) return replyPrivately(interaction, story.message);
  const article = story.article ?? articles[0];
  if (!article) return replyPrivately(interaction, 'No story is loaded.');
  const n = interaction.options.getInteger('paragraph', true);
  const count = article.paragraphs.length;
  if (n < 1 || n > count) {
    const text = `There is no ¶${n}: this article has paragraphs ¶1 to ¶${count}. Try \`/quote paragraph:1\`.`;
    return replyPrivately(interaction, text);
  }
  await replyTo(interaction, renderParagraph(article, n), { ephemeral: false });
}

export const quoteCommand: Command = {
  name: 'quote',
  data: (setup) => {
    const single = setup.articles.length === 1 ? setup.articles[0] : undefined;
    const builder = everywhere('quote', 'Show one paragraph of the article, word for word').addIntegerOption(
      (option) => {
        option
          .setName('paragraph')
          .setDescription('Paragraph number (¶)')
          .setRequired(true)
          .setMinValue(1)
          .setAutocomplete(true);
        return single ? option.setMaxValue(Math.max(1, single.paragraphs.length)) : option;
      },
    );
    addStoryOption(builder, setup);
    return builder.toJSON();
  },
  execute,
};
