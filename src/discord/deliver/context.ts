import type { Article } from '../../articles/types.js';
import type { ConversationStore } from '../../answering/conversation-store.js';
import type { Answerer } from '../../domain/types.js';
import type { FeedbackLog } from '../../feedback/feedback-log.js';
import type { Logger } from '../../logging/logger.js';
import type { SharedState } from '../../shared-state/create-shared-state.js';
import type { ChannelSettingsStore } from '../../storage/channel-settings.js';
import type { Stops, StreamingChannels } from './stops.js';

export interface DiscordBotOptions {
  /** Seconds a user waits between questions (USER_COOLDOWN_SECONDS); 0 turns it off. */
  readonly cooldownSeconds: number;
  /** Longest question accepted, for /ask and for messages alike (MAX_QUESTION_LENGTH). */
  readonly maxQuestionLength: number;
  /** Passages retrieved per question (STORYBOT_TOP_K); the engine's default when unset. */
  readonly k?: number;
  /**
   * How long stop() waits for questions in progress (default 10 s). Model calls still running then
   * are cancelled, and the answers they fall back to get a short grace to go out before closing.
   */
  readonly drainTimeoutMs?: number;
  /**
   * Request the privileged Message Content intent (DISCORD_MESSAGE_CONTENT): needed for channels
   * where every message is a question; it must also be enabled in the Developer Portal.
   */
  readonly messageContent?: boolean;
  /** STORYBOT_OWNER_IDS: the bot's owners besides the application's owner or team. */
  readonly ownerIds?: readonly string[];
}

/** `/story add|remove`: changes the stories while the bot runs. */
export interface DiscordStoryAdmin {
  /** `by.addedIn`: the server the story is for, or `EVERY_SERVER` (the bot's owner). */
  add(source: string, by: { readonly addedBy: string; readonly addedIn: string }): Promise<Article>;
  remove(id: string): Promise<Article>;
  /** The installation's salt, to record who added a story without their id. */
  readonly salt: string;
  /** Waits until the change is indexed and the commands re-registered; a sentence about the commands. */
  commandsUpdated(): Promise<string>;
}

/** What the bot is given. */
export interface DiscordBotDeps {
  readonly answerer: Answerer;
  readonly articles: readonly Article[];
  /**
   * State shared between processes (cooldowns, conversations, the answers behind buttons). Unset:
   * this process's memory, with `conversations` for DMs and threads of replies.
   */
  readonly shared?: SharedState;
  /** Remembers DM conversations and threads of replies when `shared` is unset (bounded turns and age). */
  readonly conversations?: ConversationStore;
  readonly feedback: FeedbackLog;
  /** Per-channel settings (/config); in memory only when not given. */
  readonly channelSettings?: ChannelSettingsStore;
  readonly logger: Logger;
  readonly options: DiscordBotOptions;
  /** Lets members with Manage Server add and remove stories; without it `/story add` says it is off. */
  readonly storyAdmin?: DiscordStoryAdmin;
  /** REST base URL (DISCORD_API_URL): a REST proxy, or the test double. */
  readonly restApi?: string;
  readonly now?: () => number;
}

/** Everything a handler needs: the dependencies plus the bot's own state. */
export interface BotContext extends DiscordBotDeps {
  readonly channelSettings: ChannelSettingsStore;
  readonly now: () => number;
  /** Cooldowns, conversations and the answers behind buttons: shared by every shard when on Redis. */
  readonly shared: SharedState;
  /** Answers being written, for their Stop buttons. */
  readonly stops: Stops;
  /** Channels where a message reply is streaming (partial edits share the channel's edit limit). */
  readonly streamingChannels: StreamingChannels;
  readonly findArticle: (articleId: string) => Article | undefined;
  /** True once stop() was called: new questions are turned away politely. */
  readonly isStopping: () => boolean;
  /** Aborted when stop() gives up waiting: cancels the model calls of questions still in progress. */
  readonly signal: AbortSignal;
}

/** Said to anyone asking while the bot shuts down. */
export const STOPPING_MESSAGE = "I'm restarting right now. Please ask again in a minute.";
