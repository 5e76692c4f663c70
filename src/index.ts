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
import { runAsk } from './cli/run-ask.js';
import { routeCommand, unknownCommandMessage, USAGE } from './cli/route.js';
import { ConfigError, loadConfig, type Config } from './config/load-config.js';
import { runConsole } from './console/run-console.js';
import { createEngine, type Engine } from './engine/create-engine.js';
import { createFeedbackLog } from './feedback/feedback-log.js';
import { createLogger, type Logger } from './logging/logger.js';
import { createSharedState, type SharedState } from './shared-state/create-shared-state.js';

// discord.js and the OpenAI SDK take about 0.3 s and 0.1 s to load, so they are imported only in
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

function stopRequested(): Promise<string> {
  return new Promise((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => resolve(name));
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
  engine: Engine,
  shared: SharedState | undefined,
): Promise<number> {
  const conversations = createConversationStore({
    maxTurns: config.CONVERSATION_MAX_TURNS,
    maxAgeMs: config.CONVERSATION_MAX_AGE_MINUTES * 60_000,
  });
  if (shared) {
    const { runBot } = await import('./discord/index.js');
    const feedback = createFeedbackLog({
      file: path.join(fromRoot(config.STORYBOT_VAR_DIR), 'feedback.jsonl'),
    });
    const stderr = process.stderr;
    return runBot({
      ...engine,
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
    ...engine,
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
    secrets: [config.OPENAI_API_KEY, config.DISCORD_TOKEN],
  });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  if (command.kind === 'deploy-commands') return deploy(config, logger);

  // discord.js sets SHARDING_MANAGER in the shard processes it starts.
  if (bot && config.STORYBOT_SHARDS !== undefined && process.env.SHARDING_MANAGER === undefined)
    return shards(config, logger, config.STORYBOT_SHARDS);
  const shared = bot ? await sharedStateFor(config, logger) : undefined;
  const engine = await createEngine(config, { root: ROOT, logger, ...(shared && { shared }) });
  if (command.kind === 'ask') {
    const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
    return runAsk(command.rest, { ...engine, ...io, logger, maxQuestionLength: config.MAX_QUESTION_LENGTH });
  }
  return chat(config, logger, engine, shared);
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
