import type { REST } from 'discord.js';
import type { Article } from '../../articles/types.js';
import type { Logger } from '../../logging/logger.js';
import { createCommandSync, describeSync, type CommandSyncResult } from './command-sync.js';
import type { DiscordStoryAdmin } from '../deliver/context.js';

/** Stories that change while the bot runs (the live engine and its story admin). */
export interface LiveStories {
  add(source: string, by: { readonly addedBy: string; readonly addedIn: string }): Promise<Article>;
  remove(id: string): Promise<Article>;
  readonly salt: string;
  /** Resolves once every change so far is indexed. */
  settled(): Promise<void>;
  onReindexed(listener: (articles: readonly Article[]) => void): () => void;
}

export interface LiveStoriesOptions {
  readonly applicationId?: string;
  readonly guildId?: string;
  readonly maxQuestionLength: number;
  readonly logger: Logger;
}

/**
 * The `/story` admin for the bot, and the command re-registration that follows every change of
 * the stories (from `/story` or from files added to the data folder). Call `connect` once the
 * client can talk to Discord; it returns a function that stops following changes.
 */
export function createLiveStoryAdmin(stories: LiveStories, options: LiveStoriesOptions) {
  let lastSync: Promise<CommandSyncResult> = Promise.resolve('unchanged');
  const admin: DiscordStoryAdmin = {
    add: (source, by) => stories.add(source, by),
    remove: (id) => stories.remove(id),
    salt: stories.salt,
    async commandsUpdated() {
      await stories.settled();
      return describeSync(await lastSync);
    },
  };
  const connect = (rest: Pick<REST, 'put'>, initial: readonly Article[]) => {
    const sync = createCommandSync({ ...options, rest, initial: [...initial] });
    return stories.onReindexed((articles) => {
      lastSync = lastSync.then(() => sync(articles));
    });
  };
  return { admin, connect };
}
