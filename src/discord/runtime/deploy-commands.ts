import { Routes, type REST, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';

export interface DeployCommandsOptions {
  /** A discord.js REST client with the bot token set. */
  readonly rest: Pick<REST, 'put'>;
  readonly applicationId: string;
  /** Deploy to this one server (instant, for development) instead of globally. */
  readonly guildId?: string;
  readonly commands: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[];
}

/** What a deployment did, for printing. */
export interface DeployResult {
  readonly scope: 'global' | 'guild';
  readonly guildId?: string;
  readonly names: readonly string[];
  /** A line for people: which commands went where. */
  readonly summary: string;
}

/**
 * Registers the commands (a bulk overwrite: commands no longer defined are removed), globally or
 * to one guild. Global commands can take a while to appear in clients; guild ones are instant.
 */
export async function deployCommands({
  rest,
  applicationId,
  guildId,
  commands,
}: DeployCommandsOptions): Promise<DeployResult> {
  const route =
    guildId === undefined
      ? Routes.applicationCommands(applicationId)
      : Routes.applicationGuildCommands(applicationId, guildId);
  const saved = await rest.put(route, { body: commands });
  const names = Array.isArray(saved)
    ? saved.map((command: unknown) => String((command as { name?: unknown }).name))
    : commands.map((command) => command.name);
  const list = names.map((name) => `/${name}`).join(', ');
  const summary =
    guildId === undefined
      ? `Registered ${names.length} commands globally (${list}); new global commands can take up to an hour to show everywhere.`
      : `Registered ${names.length} commands in guild ${guildId} (${list}); they are available immediately.`;
  return {
    scope: guildId === undefined ? 'global' : 'guild',
    ...(guildId === undefined ? {} : { guildId }),
    names,
    summary,
  };
}
