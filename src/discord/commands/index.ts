import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Article } from '../../articles/types.js';
import { articleCommand } from './article.js';
import { askCommand } from './ask.js';
import { configCommand } from './config.js';
import type { Command, CommandSetup } from './command.js';
import { helpCommand } from './help.js';
import { quoteCommand } from './quote.js';
import { storyCommand } from './story.js';

export type { Command, CommandSetup } from './command.js';

/** Every slash command, in the order Discord lists them. Adding a command means adding it here. */
export const COMMANDS: readonly Command[] = [
  askCommand,
  articleCommand,
  quoteCommand,
  helpCommand,
  configCommand,
  storyCommand,
];

const byName = new Map(COMMANDS.map((command) => [command.name, command]));

/** The command with that name, if this bot has one. */
export function findCommand(name: string): Command | undefined {
  return byName.get(name);
}

/** The definitions to register with Discord. The `story` option appears only with several articles. */
export function buildCommands(
  articles: readonly Article[],
  { maxQuestionLength }: Omit<CommandSetup, 'articles'>,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return COMMANDS.map((command) => command.data({ articles, maxQuestionLength }));
}
