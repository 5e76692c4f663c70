import type { Article } from '../../articles/types.js';
import type { ConversationStore } from '../../answering/conversation-store.js';
import type { Config } from '../../config/load-config.js';
import type { Answerer } from '../../domain/types.js';
import type { FeedbackLog } from '../../feedback/feedback-log.js';
import type { Logger } from '../../logging/logger.js';
import type { ChannelSettingsStore } from '../../storage/channel-settings.js';
import type { SharedState } from '../../shared-state/create-shared-state.js';
import { createDiscordBot } from './bot.js';
import { createLiveStoryAdmin, type LiveStories } from './live-stories.js';
import { DiscordLoginError } from './login-error.js';

export interface RunBotDeps {
  readonly config: Config;
  readonly answerer: Answerer;
  readonly articles: readonly Article[];
  /** How answers are made, for the "online" log line. */
  readonly modeLine: string;
  readonly conversations: ConversationStore;
  /** Cooldowns, conversations and the answers behind buttons, shared by every shard (REDIS_URL). */
  readonly shared?: SharedState;
  readonly feedback: FeedbackLog;
  readonly channelSettings: ChannelSettingsStore;
  readonly logger: Logger;
  /** Resolves with the signal's name when the process is asked to stop. */
  readonly stopRequested: Promise<string>;
  readonly stderr: NodeJS.WritableStream;
  /** Stories that change while running: enables `/story add|remove` and command re-registration. */
  readonly stories?: LiveStories;
}

/** Runs the Discord bot until a stop is requested: exit code 0, or 1 when Discord refuses the login. */
export async function runBot(deps: RunBotDeps): Promise<number> {
  const { config, logger } = deps;
  const live =
    deps.stories &&
    createLiveStoryAdmin(deps.stories, {
      ...(config.DISCORD_APPLICATION_ID && { applicationId: config.DISCORD_APPLICATION_ID }),
      ...(config.DISCORD_GUILD_ID && { guildId: config.DISCORD_GUILD_ID }),
      maxQuestionLength: config.MAX_QUESTION_LENGTH,
      logger,
    });
  const bot = createDiscordBot({
    ...(live && { storyAdmin: live.admin }),
    answerer: deps.answerer,
    articles: deps.articles,
    logger,
    conversations: deps.conversations,
    ...(deps.shared && { shared: deps.shared }),
    feedback: deps.feedback,
    channelSettings: deps.channelSettings,
    options: {
      cooldownSeconds: config.USER_COOLDOWN_SECONDS,
      maxQuestionLength: config.MAX_QUESTION_LENGTH,
      k: config.STORYBOT_TOP_K,
      messageContent: config.DISCORD_MESSAGE_CONTENT,
    },
    ...(config.DISCORD_API_URL && { restApi: config.DISCORD_API_URL }),
  });
  try {
    await bot.start(config.DISCORD_TOKEN ?? '');
  } catch (error) {
    if (!(error instanceof DiscordLoginError)) throw error;
    deps.stderr.write(`${error.message}\n`);
    return 1;
  }
  // With shards, only the first one registers commands again.
  const firstShard = bot.client.shard === null || bot.client.shard.ids.includes(0);
  const unfollow = firstShard ? live?.connect(bot.client.rest, deps.articles) : undefined;
  logger.info({ mode: deps.modeLine, stories: deps.articles.length }, 'storybot is online');
  const signal = await deps.stopRequested;
  logger.info({ signal }, 'shutting down: finishing questions in progress');
  unfollow?.();
  await bot.stop();
  await deps.shared?.close();
  return 0;
}
