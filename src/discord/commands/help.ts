import type { ChatInputCommandInteraction } from 'discord.js';
import { storiesIn } from '../deliver/stories.js';
import type { BotContext } from '../deliver/context.js';
import { renderHelp } from '../render/render-help.js';
import { replyTo } from '../render/respond.js';
import { everywhere } from './builders.js';
import type { Command } from './command.js';

/** `/help`: privately, what the bot does and how to use it. */
async function execute(context: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  await replyTo(
    interaction,
    renderHelp(storiesIn(context.articles, interaction.guildId), context.options.maxQuestionLength),
    {
      ephemeral: true,
    },
  );
}

export const helpCommand: Command = {
  name: 'help',
  data: () => everywhere('help', 'What this bot does, how answers are grounded, and how to ask').toJSON(),
  execute,
};
