#!/usr/bin/env node
// The composition root: reads the command line and the configuration, builds the engine, and hands
// it to the front end the command asks for. Everything it wires lives in the folders under src/.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { createConversationStore } from './answering/conversation-store.js';
import { ArticleLoadError } from './articles/article-load-error.js';
import { loadArticles } from './articles/load-articles.js';
import { createTokenBudget } from './answering/token-budget.js';
import { createRecordingAnswerer } from './answering/record-questions.js';
import { runAsk } from './cli/run-ask.js';
import { routeCommand, unknownCommandMessage, USAGE } from './cli/route.js';
import { ConfigError, loadConfig, type Config } from './config/load-config.js';
import { runConsole } from './console/run-console.js';
import { createEngine, type Engine, type EngineDeps } from './engine/create-engine.js';
import { createLiveEngineFromConfig } from './engine/live-from-config.js';
import type { LiveEngine } from './engine/live-engine.js';
import { createFeedbackStore } from './feedback/feedback-store.js';
import { createLogger, type Logger } from './logging/logger.js';
import { cacheAcrossShards } from './shared-state/shared-cache.js';
import { createSharedState, type SharedState } from './shared-state/create-shared-state.js';
import { questionLogWhenOpen, type ChannelKind } from './storage/question-log.js';
import { isChannelSettingsEntry, type ChannelSettingsEntry } from './storage/channel-settings.js';
import { openRecords, type Records } from './storage/records.js';

// discord.js, the OpenAI SDK and the page reader (linkedom) each take 0.1 to 0.3 s to load, so they load only in
// the modes that use them: the console and `ask` start without discord.js, and without openai when no key is set.

// Paths in the configuration are relative to the package, so `npx storybot` works from anywhere.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fromRoot = (value: string) => path.resolve(ROOT, value);

function print(stream: NodeJS.WritableStream, text: string, code: number): number {
  stream.write(`${text}\n`);
  return code;
}

async function deploy(config: Config, logger: Logger): Promise<number> {
  const { runDeploy } = await import('./discord/index.js');
  // Only the story list shapes the commands (the story option), so no engine is built.
  const load = async () => (await loadArticles(fromRoot(config.STORYBOT_DATA_DIR), { logger })).articles;
  return runDeploy({ config, loadArticles: load, stdout: process.stdout, stderr: process.stderr });
}

/** The engine with every question it answers written to the questions log. */
function recorded<E extends Engine>(
  engine: E,
  records: Records,
  config: Config,
  channelKind: ChannelKind,
): E {
  const model = config.OPENAI_API_KEY ? config.OPENAI_MODEL : undefined;
  return {
    ...engine,
    answerer: createRecordingAnswerer(engine.answerer, records.questions, { channelKind }, model),
  };
}

function openRecordsFor(config: Config, logger: Logger): Promise<Records> {
  return openRecords({
    varDir: fromRoot(config.STORYBOT_VAR_DIR),
    ...(config.DATABASE_URL && { url: config.DATABASE_URL }),
    ...(config.DATABASE_AUTH_TOKEN && { authToken: config.DATABASE_AUTH_TOKEN }),
    storeDmText: config.STORE_DM_TEXT,
    retentionDays: config.RETENTION_DAYS,
    logger,
  });
}

function stopRequested(): Promise<string> {
  return new Promise((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => resolve(name));
    // A shard whose manager died stops too, instead of living on beside the shards of a new manager.
    if (process.env.SHARDING_MANAGER !== undefined) process.once('disconnect', () => resolve('manager gone'));
  });
}

/** The bot's shared state: Redis when REDIS_URL is set, this process's memory otherwise. */
function sharedStateFor(config: Config, logger: Logger): Promise<SharedState> {
  return createSharedState({
    ...(config.REDIS_URL && { redisUrl: config.REDIS_URL }),
    prefix: config.REDIS_PREFIX,
    logger,
    cooldownSeconds: config.USER_COOLDOWN_SECONDS,
    maxTurns: config.CONVERSATION_MAX_TURNS,
    maxAgeMs: config.CONVERSATION_MAX_AGE_MINUTES * 60_000,
  });
}

/** STORYBOT_SHARDS: this process only starts and watches the shard processes; each loads the engine. */
async function shards(config: Config, logger: Logger, count: number | 'auto'): Promise<number> {
  const { runShards } = await import('./discord/index.js');
  return runShards({
    script: fileURLToPath(import.meta.url),
    token: config.DISCORD_TOKEN ?? '',
    shards: count,
    spawnDelayMs: config.STORYBOT_SHARD_SPAWN_DELAY_MS,
    logger,
    ...(config.DISCORD_API_URL && { restApi: config.DISCORD_API_URL }),
  });
}

async function chat(
  config: Config,
  logger: Logger,
  engine: LiveEngine,
  records: Records,
  shared: SharedState | undefined,
): Promise<number> {
  const conversations = createConversationStore({
    maxTurns: config.CONVERSATION_MAX_TURNS,
    maxAgeMs: config.CONVERSATION_MAX_AGE_MINUTES * 60_000,
  });
  if (shared) {
    const { runBot } = await import('./discord/index.js');
    const feedback = createFeedbackStore(records);
    const stderr = process.stderr;
    // Settings live in the records database; every shard caches them and drops its copy when any shard writes.
    const channelSettings = cacheAcrossShards(
      records.channelSettings((value) => (isChannelSettingsEntry(value) ? value : undefined)),
      { bus: shared.bus, topic: 'channel-settings', keyOf: (entry: ChannelSettingsEntry) => entry.channelId },
    );
    const { createStoryAdmin } = await import('./ingest/story-admin.js');
    const admin = createStoryAdmin({
      dataDir: fromRoot(config.STORYBOT_DATA_DIR),
      allowPrivate: config.STORYBOT_ALLOW_PRIVATE_URLS,
      library: engine.library,
      stories: records.stories,
      logger,
    });
    return runBot({
      channelSettings,
      // DMs and servers are told apart by the asker each Discord event runs as.
      ...recorded(engine, records, config, 'server'),
      stories: {
        add: (source, addedBy) => admin.add(source, addedBy),
        remove: (id) => admin.remove(id),
        salt: records.salt,
        settled: () => engine.settled(),
        onReindexed: (listener) => engine.onReindexed(listener),
      },
      config,
      logger,
      conversations,
      shared,
      feedback,
      stopRequested: stopRequested(),
      stderr,
    });
  }
  await runConsole({
    ...recorded(engine, records, config, 'console'),
    conversations,
    logger,
    input: process.stdin,
    output: process.stdout,
    maxQuestionLength: config.MAX_QUESTION_LENGTH,
  });
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const command = routeCommand(argv);
  if (command.kind === 'help') return print(process.stdout, USAGE, 0);
  if (command.kind === 'version') {
    const pkg = JSON.parse(await readFile(fromRoot('package.json'), 'utf8')) as { version: string };
    return print(process.stdout, `storybot ${pkg.version}`, 0);
  }
  if (command.kind === 'unknown') return print(process.stderr, unknownCommandMessage(command.name), 2);

  dotenv.config({ path: fromRoot('.env'), quiet: true });
  const config = loadConfig(process.env);
  const bot = command.kind === 'start' && config.DISCORD_TOKEN !== undefined;
  const logger = createLogger({
    level: config.LOG_LEVEL ?? (bot ? 'info' : 'warn'),
    secrets: [config.OPENAI_API_KEY, config.DISCORD_TOKEN, config.DATABASE_AUTH_TOKEN],
  });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  if (command.kind === 'deploy-commands') return deploy(config, logger);

  // discord.js sets SHARDING_MANAGER in the shard processes it starts.
  if (bot && config.STORYBOT_SHARDS !== undefined && process.env.SHARDING_MANAGER === undefined)
    return shards(config, logger, config.STORYBOT_SHARDS);
  // Opened while the engine loads; `add` and `report` need nothing else.
  const opening = openRecordsFor(config, logger);
  opening.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  if (command.kind === 'report') {
    const records = await opening;
    const { runReport } = await import('./cli/run-report.js');
    const stories = await records.stories.list();
    const titles = new Map(stories.map((story) => [story.id, story.title]));
    const loaded = await loadArticles(fromRoot(config.STORYBOT_DATA_DIR)).catch(() => undefined);
    for (const article of loaded?.articles ?? []) titles.set(article.id, article.title);
    return runReport(command.rest, { ...io, client: records.client, titles });
  }
  if (command.kind === 'add') {
    const records = await opening;
    const dataDir = fromRoot(config.STORYBOT_DATA_DIR);
    const allowPrivate = config.STORYBOT_ALLOW_PRIVATE_URLS;
    const { runAdd } = await import('./cli/run-add.js');
    return runAdd(command.rest, { ...io, dataDir, allowPrivate, stories: records.stories, logger });
  }
  const shared = bot ? await sharedStateFor(config, logger) : undefined;
  const deps: EngineDeps = {
    root: ROOT,
    logger,
    ...(shared && { shared }),
    loadBudget: async () =>
      config.OPENAI_API_KEY
        ? createTokenBudget({
            dailyCap: config.DAILY_TOKEN_CAP,
            model: config.OPENAI_MODEL,
            log: (await opening).usage,
            previous: await (await opening).usage.readDay(new Date().toISOString().slice(0, 10)),
          })
        : undefined,
  };
  if (command.kind === 'ask') {
    // The answer does not wait for the records database: each write waits for it instead.
    const engine = await createEngine(config, deps);
    const model = config.OPENAI_API_KEY ? config.OPENAI_MODEL : undefined;
    const log = questionLogWhenOpen(opening, logger);
    const asking = {
      ...engine,
      answerer: createRecordingAnswerer(engine.answerer, log, { channelKind: 'cli' }, model),
    };
    return runAsk(command.rest, { ...asking, ...io, logger, maxQuestionLength: config.MAX_QUESTION_LENGTH });
  }
  const [{ engine, stop }, records] = await Promise.all([createLiveEngineFromConfig(config, deps), opening]);
  try {
    return await chat(config, logger, engine, records, shared);
  } finally {
    stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // A shard process's IPC channel to the ShardingManager would keep it alive after the bot stopped.
    if (process.env.SHARDING_MANAGER !== undefined && process.connected) process.disconnect();
  },
  (error: unknown) => {
    const message =
      error instanceof ConfigError || error instanceof ArticleLoadError
        ? error.message
        : `storybot could not start: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  },
);
