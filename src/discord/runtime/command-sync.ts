import type { REST } from 'discord.js';
import type { Article } from '../../articles/types.js';
import type { Logger } from '../../logging/logger.js';
import { buildCommands } from '../commands/index.js';
import { deployCommands } from './deploy-commands.js';

/** What a story change did to the registered slash commands. */
export type CommandSyncResult = 'unchanged' | 'deployed' | 'manual' | 'failed';

export interface CommandSyncOptions {
  readonly rest: Pick<REST, 'put'>;
  /** DISCORD_APPLICATION_ID; without it the operator is told to run deploy-commands. */
  readonly applicationId?: string;
  readonly guildId?: string;
  readonly maxQuestionLength: number;
  readonly logger: Logger;
  /** The stories the registered commands were built for (those loaded at start). */
  readonly initial: readonly Article[];
}

/** A sentence for the operator about what happened to the commands. */
export function describeSync(result: CommandSyncResult): string {
  switch (result) {
    case 'deployed':
      return 'I registered the slash commands again, so the `story` option matches the stories (Discord may take a minute to show it).';
    case 'manual':
      return 'The slash commands need registering again for the `story` option: run `storybot deploy-commands` (I can’t, as DISCORD_APPLICATION_ID is not set).';
    case 'failed':
      return 'Registering the slash commands again failed (see the log); run `storybot deploy-commands`.';
    default:
      return '';
  }
}

/**
 * Keeps the registered slash commands in step with the stories: the definitions depend on them
 * (the `story` option appears with two stories or more), so after a change they are built again
 * and, when they differ, registered again with Discord.
 */
export function createCommandSync(
  options: CommandSyncOptions,
): (articles: readonly Article[]) => Promise<CommandSyncResult> {
  const { rest, applicationId, guildId, maxQuestionLength, logger } = options;
  let registered = JSON.stringify(buildCommands(options.initial, { maxQuestionLength }));
  return async (articles) => {
    const commands = buildCommands(articles, { maxQuestionLength });
    const json = JSON.stringify(commands);
    if (json === registered) return 'unchanged';
    if (!applicationId) {
      logger.warn(
        { stories: articles.length },
        'the stories changed: run `storybot deploy-commands` to update the slash commands',
      );
      return 'manual';
    }
    try {
      const result = await deployCommands({ rest, applicationId, ...(guildId && { guildId }), commands });
      registered = json;
      logger.info({ stories: articles.length, scope: result.scope }, 'slash commands registered again');
      return 'deployed';
    } catch (error) {
      logger.error({ err: error }, 'could not register the slash commands again');
      return 'failed';
    }
  };
}
