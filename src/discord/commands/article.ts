import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../runtime/context.js';
import { plainMessage } from '../render/limits.js';
import { renderArticle, renderArticleList } from '../render/render-article.js';
import { replyTo } from '../render/respond.js';
import { chooseStory } from '../ask/stories.js';
import { everywhere, addStoryOption } from './builders.js';
import type { Command } from './command.js';

/** `/article`: the chosen story, the only one, or a list to choose from. */
async function execute(context: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const story = chooseStory(context.articles, interaction.options.getString('story'));
  if (!story.ok) return replyTo(interaction, [plainMessage(story.message)], { ephemeral: true });
  const messages = story.article ? renderArticle(story.article) : renderArticleList(context.articles);
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
