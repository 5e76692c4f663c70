import type { ChatInputCommandInteraction } from 'discord.js';
import { storyCommand } from './commands/story.js';
import type { BotContext } from './context.js';
import { handleAsk } from './handle-ask.js';
import { renderArticle, renderArticleList, renderParagraph } from './render-article.js';
import { plainMessage, renderHelp } from './render-help.js';
import { replyTo } from './respond.js';
import { chooseStory } from './stories.js';

/** `/article`: the chosen story, the only one, or a list to choose from. */
async function handleArticle(context: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const story = chooseStory(context.articles, interaction.options.getString('story'));
  if (!story.ok) return replyTo(interaction, [plainMessage(story.message)], { ephemeral: true });
  const messages = story.article ? renderArticle(story.article) : renderArticleList(context.articles);
  await replyTo(interaction, messages, { ephemeral: false });
}

/** `/quote`: one paragraph verbatim; a number out of range gets the valid range. */
async function handleQuote(context: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const story = chooseStory(context.articles, interaction.options.getString('story'));
  if (!story.ok) return replyTo(interaction, [plainMessage(story.message)], { ephemeral: true });
  const article = story.article ?? context.articles[0];
  if (!article) return replyTo(interaction, [plainMessage('No story is loaded.')], { ephemeral: true });
  const n = interaction.options.getInteger('paragraph', true);
  const count = article.paragraphs.length;
  if (n < 1 || n > count) {
    const text = `There is no ¶${n}: this article has paragraphs ¶1 to ¶${count}. Try \`/quote paragraph:1\`.`;
    return replyTo(interaction, [plainMessage(text)], { ephemeral: true });
  }
  await replyTo(interaction, renderParagraph(article, n), { ephemeral: false });
}

/** Routes a slash command to its handler. */
export async function handleCommand(
  context: BotContext,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  switch (interaction.commandName) {
    case 'ask':
      return handleAsk(context, interaction);
    case 'article':
      return handleArticle(context, interaction);
    case 'quote':
      return handleQuote(context, interaction);
    case 'story':
      return storyCommand.execute(context, interaction);
    case 'help':
      return replyTo(interaction, renderHelp(context.articles, context.options.maxQuestionLength), {
        ephemeral: true,
      });
    default:
      return replyTo(
        interaction,
        [plainMessage("I don't know that command any more; the command list may be updating. Try /help.")],
        { ephemeral: true },
      );
  }
}
