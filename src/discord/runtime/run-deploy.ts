import type { Writable } from 'node:stream';
import { DiscordAPIError, HTTPError, REST } from 'discord.js';
import type { Article } from '../../articles/types.js';
import type { Config } from '../../config/load-config.js';
import { buildCommands } from '../commands/index.js';
import { deployCommands } from './deploy-commands.js';

export interface RunDeployDeps {
  readonly config: Config;
  /** Loads the stories, once the settings are known to be there: only their list shapes the commands. */
  readonly loadArticles: () => Promise<readonly Article[]>;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** The variables deploy-commands cannot work without, by name, when they are missing. */
export function missingDeployVariables(config: Config): string[] {
  const missing: string[] = [];
  if (!config.DISCORD_TOKEN) missing.push('DISCORD_TOKEN');
  if (!config.DISCORD_APPLICATION_ID) missing.push('DISCORD_APPLICATION_ID');
  return missing;
}

/** The message for a deployment Discord refused for the credentials, or undefined for any other failure. */
export function describeDeployError(error: unknown): string | undefined {
  const refused =
    (error instanceof DiscordAPIError || error instanceof HTTPError) &&
    (error.status === 401 || error.status === 403);
  return refused
    ? 'Discord rejected the commands: check DISCORD_TOKEN and that DISCORD_APPLICATION_ID ' +
        '(and DISCORD_GUILD_ID) belong to this bot.'
    : undefined;
}

/** Runs `storybot deploy-commands`: exit code 0 deployed, 1 refused by Discord, 2 missing settings. */
export async function runDeploy({ config, loadArticles, stdout, stderr }: RunDeployDeps): Promise<number> {
  const missing = missingDeployVariables(config);
  if (missing.length > 0) {
    stderr.write(`deploy-commands needs ${missing.join(' and ')} (see .env.example).\n`);
    return 2;
  }
  const articles = await loadArticles();
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(
    config.DISCORD_TOKEN ?? '',
  );
  try {
    const result = await deployCommands({
      rest,
      applicationId: config.DISCORD_APPLICATION_ID ?? '',
      ...(config.DISCORD_GUILD_ID && { guildId: config.DISCORD_GUILD_ID }),
      commands: buildCommands(articles, { maxQuestionLength: config.MAX_QUESTION_LENGTH }),
    });
    stdout.write(`${result.summary}\n`);
    return 0;
  } catch (error) {
    const message = describeDeployError(error);
    if (message === undefined) throw error;
    stderr.write(`${message}\n`);
    return 1;
  }
}
