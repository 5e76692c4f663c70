import { setMaxListeners } from 'node:events';
import {
  Client,
  Events,
  GatewayIntentBits,
  Options,
  Partials,
  type Interaction,
  type Message,
} from 'discord.js';
import type { BotContext, DiscordBotDeps } from '../deliver/context.js';
import { guardInteraction } from '../ask/guard.js';
import { handleAutocomplete } from '../commands/handle-autocomplete.js';
import { handleButton } from '../commands/handle-buttons.js';
import { handleCommand } from '../commands/handle-command.js';
import { handleMessage } from '../ask/handle-message.js';
import { createInFlight, type InFlight } from './in-flight.js';
import { describeLoginError } from './login-error.js';
import { NO_PINGS } from '../render/respond.js';
import { createSeen } from './seen.js';
import { createStops, createStreamingChannels } from '../deliver/stops.js';
import { createMemoryChannelSettings } from '../../storage/channel-settings.js';
import { createMemorySharedState } from '../../shared-state/create-shared-state.js';

export type { DiscordBotDeps, DiscordBotOptions } from '../deliver/context.js';

/** How long stop() waits, after cancelling model calls, for the fallback answers to be sent. */
const CANCEL_GRACE_MS = 2_000;

/** A running (or startable) Discord bot. */
export interface DiscordBot {
  readonly client: Client;
  /** Logs in; rejects with a `DiscordLoginError` (one clear message) if Discord refuses. */
  start(token: string): Promise<void>;
  /** Stops taking questions, waits (bounded) for those in progress, then disconnects. */
  stop(): Promise<void>;
  /** Resolves once everything in progress (answers, button presses) is done, or after `timeoutMs`. */
  settled(timeoutMs?: number): Promise<boolean>;
}

/**
 * The client with the least it needs. Guilds: commands and guild state; GuildMessages: messages
 * that mention the bot or reply to it; DirectMessages: DMs (with the Channel partial, since DM
 * channels are not cached). The privileged Message Content intent only when asked for (channels
 * where every message is a question): without it Discord still delivers the content of DMs and of
 * messages that mention the bot, which is all storybot reads otherwise. Messages are
 * not cached: every handler reads the event's own payload, and discord.js would otherwise keep
 * 200 messages per channel the bot has seen (memory that grows with every channel, for nothing).
 */
export function createClient(restApi?: string, { messageContent = false } = {}): Client {
  return new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      ...(messageContent ? [GatewayIntentBits.MessageContent] : []),
    ],
    partials: [Partials.Channel],
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    allowedMentions: NO_PINGS,
    ...(restApi !== undefined ? { rest: { api: restApi } } : {}),
  });
}

async function routeInteraction(context: BotContext, interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) return handleAutocomplete(context, interaction);
  await guardInteraction(context.logger, interaction, async () => {
    if (interaction.isChatInputCommand()) return handleCommand(context, interaction);
    if (interaction.isButton()) return handleButton(context, interaction);
  });
}

/** Routes events to handlers (each once, even if delivered twice) and logs the connection's life. */
function wireEvents(client: Client, context: BotContext, inFlight: InFlight): void {
  const { logger } = context;
  const seen = createSeen();
  // Handlers guard themselves; this catch is the last line, so no event can become an unhandled rejection.
  const track = (event: string, task: () => Promise<void>) =>
    void inFlight
      .run(task)
      .catch((error: unknown) => logger.error({ event, err: error }, 'unexpected failure'));
  client.on(Events.InteractionCreate, (interaction) => {
    if (seen.first(interaction.id)) track('interaction', () => routeInteraction(context, interaction));
  });
  client.on(Events.MessageCreate, (message: Message) => {
    if (seen.first(message.id)) track('message', () => handleMessage(context, message));
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (warning) => logger.warn({ warning }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ code: event.code, shardId }, 'gateway disconnected'),
  );
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'gateway resumed'));
  client.once(Events.ClientReady, (ready) =>
    logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'connected to Discord'),
  );
}

/** Builds the bot around the answer engine. Nothing connects until start(). */
export function createDiscordBot(deps: DiscordBotDeps): DiscordBot {
  const now = deps.now ?? Date.now;
  let stopping = false;
  const abandon = new AbortController();
  // Every answer in progress listens for the shutdown: one listener each, removed when it ends.
  setMaxListeners(0, abandon.signal);
  const context: BotContext = {
    ...deps,
    now,
    channelSettings: deps.channelSettings ?? createMemoryChannelSettings(),
    stops: createStops(),
    streamingChannels: createStreamingChannels(),
    shared:
      deps.shared ??
      createMemorySharedState({
        cooldownSeconds: deps.options.cooldownSeconds,
        now,
        maxTurns: 6,
        maxAgeMs: 30 * 60_000,
        ...(deps.conversations && { conversations: deps.conversations }),
      }),
    // deps.articles may be a live list (stories added while running), so it is searched each time.
    findArticle: (articleId) => deps.articles.find((article) => article.id === articleId),
    isStopping: () => stopping,
    signal: abandon.signal,
  };
  const { logger } = deps;
  const client = createClient(deps.restApi, { messageContent: deps.options.messageContent ?? false });
  const inFlight = createInFlight();

  wireEvents(client, context, inFlight);

  return {
    client,
    async start(token) {
      try {
        await client.login(token);
      } catch (error) {
        await client.destroy().catch(() => undefined);
        throw describeLoginError(error);
      }
    },
    settled: (timeoutMs = 10_000) => inFlight.drain(timeoutMs),
    async stop() {
      stopping = true;
      const settled = await inFlight.drain(deps.options.drainTimeoutMs ?? 10_000);
      if (!settled) {
        logger.warn({ pending: inFlight.size }, 'cancelling the model calls of questions still in progress');
        abandon.abort();
        // Cancelled answers end at once with what was verified (no fallback): let those edits go out.
        if (!(await inFlight.drain(CANCEL_GRACE_MS)))
          logger.warn({ pending: inFlight.size }, 'stopping with questions still in progress');
      }
      await client.destroy();
    },
  };
}
