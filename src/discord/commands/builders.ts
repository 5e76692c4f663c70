import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type SharedSlashCommandOptions,
  type SlashCommandOptionsOnlyBuilder,
  type SlashCommandStringOption,
} from 'discord.js';
import type { CommandSetup } from './command.js';

/** A command usable in servers, in the bot's DMs and in other DMs/group DMs (user installs). */
export function everywhere(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setContexts(
      InteractionContextType.Guild,
      InteractionContextType.BotDM,
      InteractionContextType.PrivateChannel,
    )
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall);
}

/** Adds the `story` option (in place) when more than one article is loaded. */
export function addStoryOption(
  builder: Pick<SharedSlashCommandOptions<SlashCommandOptionsOnlyBuilder>, 'addStringOption'>,
  { articles }: CommandSetup,
): void {
  if (articles.length > 1) builder.addStringOption(storyOption);
}

function storyOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName('story')
    .setDescription('Which story (when several are loaded)')
    .setAutocomplete(true);
}
