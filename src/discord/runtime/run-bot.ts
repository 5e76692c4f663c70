import path from 'node:path';
import type { Runtime } from '../../engine/create-runtime.js';
import { createFeedbackStore } from '../../feedback/feedback-store.js';
import { cacheAcrossShards } from '../../shared-state/create-shared-state.js';
import { isChannelSettingsEntry, type ChannelSettingsEntry } from '../../storage/channel-settings.js';
import { createDiscordBot, type DiscordBot } from './bot.js';
import type { DiscordBotDeps } from '../deliver/context.js';
import { createLiveStoryAdmin } from './live-stories.js';
import { DiscordLoginError } from './login-error.js';

/** What the bot needs of the runtime (tests bring theirs with records in a temp folder). */
export type BotRuntime = Pick<
  Runtime,
  | 'config'
  | 'root'
  | 'logger'
  | 'answerer'
  | 'articles'
  | 'modeLine'
  | 'shared'
  | 'library'
  | 'settled'
  | 'onReindexed'
> & { readonly records?: Runtime['records'] };

/**
 * The bot wired to the runtime: votes and channel settings in the records database (each shard
 * caches the settings and drops its copy when any shard writes), `/story add|remove` on the live
 * stories, and commands registered again after every change of the stories.
 */
export async function createBotFor(runtime: BotRuntime, overrides: Partial<DiscordBotDeps> = {}) {
  const { config, logger, records, shared } = runtime;
  if (!records) throw new Error('the bot needs the records database');
  const { createStoryAdmin } = await import('../../ingest/story-admin.js');
  const admin = createStoryAdmin({
    dataDir: path.resolve(runtime.root, config.STORYBOT_DATA_DIR),
    allowPrivate: config.STORYBOT_ALLOW_PRIVATE_URLS,
    library: runtime.library,
    stories: records.stories,
    logger,
  });
  const live = createLiveStoryAdmin(
    {
      add: (source, addedBy) => admin.add(source, addedBy),
      remove: (id) => admin.remove(id),
      salt: records.salt,
      settled: () => runtime.settled(),
      onReindexed: (listener) => runtime.onReindexed(listener),
    },
    {
      ...(config.DISCORD_APPLICATION_ID && { applicationId: config.DISCORD_APPLICATION_ID }),
      ...(config.DISCORD_GUILD_ID && { guildId: config.DISCORD_GUILD_ID }),
      maxQuestionLength: config.MAX_QUESTION_LENGTH,
      logger,
    },
  );
  const channelSettings = cacheAcrossShards(
    records.channelSettings((value) => (isChannelSettingsEntry(value) ? value : undefined)),
    {
      bus: shared.bus,
      topic: 'channel-settings',
      keyOf: (entry: ChannelSettingsEntry) => entry.channelId,
    },
  );
  const bot: DiscordBot = createDiscordBot({
    storyAdmin: live.admin,
    answerer: runtime.answerer,
    articles: runtime.articles,
    logger,
    shared,
    feedback: createFeedbackStore(records),
    channelSettings,
    options: {
      cooldownSeconds: config.USER_COOLDOWN_SECONDS,
      maxQuestionLength: config.MAX_QUESTION_LENGTH,
      k: config.STORYBOT_TOP_K,
      messageContent: config.DISCORD_MESSAGE_CONTENT,
      ownerIds: config.STORYBOT_OWNER_IDS,
    },
    ...(config.DISCORD_API_URL && { restApi: config.DISCORD_API_URL }),
    ...overrides,
  });
  /** Follows story changes with command re-registration; with shards, only the first one registers. */
  const follow = () => {
    const firstShard = bot.client.shard === null || bot.client.shard.ids.includes(0);
    return firstShard ? live.connect(bot.client.rest, runtime.articles) : () => undefined;
  };
  return { bot, follow };
}

export interface RunBotOptions {
  /** Resolves with the signal's name when the process is asked to stop. */
  readonly stopRequested: Promise<string>;
  readonly stderr: NodeJS.WritableStream;
}

/** Runs the Discord bot until a stop is requested: exit code 0, or 1 when Discord refuses the login. */
export async function runBot(runtime: BotRuntime, options: RunBotOptions): Promise<number> {
  const { config, logger } = runtime;
  const { bot, follow } = await createBotFor(runtime);
  try {
    await bot.start(config.DISCORD_TOKEN ?? '');
  } catch (error) {
    if (!(error instanceof DiscordLoginError)) throw error;
    options.stderr.write(`${error.message}\n`);
    return 1;
  }
  const unfollow = follow();
  logger.info({ mode: runtime.modeLine, stories: runtime.articles.length }, 'storybot is online');
  const signal = await options.stopRequested;
  logger.info({ signal }, 'shutting down: finishing questions in progress');
  unfollow();
  await bot.stop();
  return 0;
}
