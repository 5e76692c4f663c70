import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../deliver/context.js';
import { renderArticle, renderArticleList } from '../render/render-article.js';
import { replyPrivately, replyTo } from '../render/respond.js';
import { chooseStory, storiesIn } from '../deliver/stories.js';
import { everywhere, addStoryOption } from './builders.js';
import type { Command } from './command.js';

/** `/article`: the chosen story, the only one, or a list to choose from. */
async function execute(context: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const articles = storiesIn(context.articles, interaction.guildId);
  const story = chooseStory(articles, interaction.options.getString('story'));
  if (!story.ok) return replyPrivately(interaction, story.message);
  const messages = story.article ? renderArticle(story.article) : renderArticleList(articles);
  await replyTo(interaction, messages, { ephemeral: false });
}

export const articleCommand: Command = {
  name: 'article',
  data: (setup) => {
    const builder = everywhere('article', 'What the story is: headline, outlet, date, link and its opening');
    addStoryOption(builder, setup);
    return builder.toJSON();
  },
  execute,
};
