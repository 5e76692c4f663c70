#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { loadArticles } from './articles/load-articles.js';
import type { Article } from './articles/types.js';
import { createAnswerer } from './answering/answerer.js';
import { createConversationStore, type ConversationStore } from './answering/conversation-store.js';
import { createConcurrencyLimiter } from './answering/limit-concurrency.js';
import { createTokenBudget } from './answering/token-budget.js';
import { loadPrompts } from './answering/prompts.js';
import type { Answerer } from './answering/types.js';
import { runAdd } from './cli/run-add.js';
import { runAsk } from './cli/run-ask.js';
import { ConfigError, loadConfig, type Config } from './config/load-config.js';
import { runConsole } from './console/run-console.js';
import { createLogger, type Logger } from './logging/logger.js';
import { loadEmbeddingCache } from './retrieval/embedding-cache.js';
import { createRetriever } from './retrieval/retriever.js';
import { createSemanticSearch, type SemanticSearch } from './retrieval/semantic-search.js';
import { openRecords, type Records } from './storage/records.js';
import { createRecordingAnswerer } from './storage/recording-answerer.js';

// discord.js and the OpenAI SDK take about 0.3 s and 0.1 s to load, so they are imported only in
// the modes that use them: the console and `ask` start without discord.js, and without openai when no key is set.

// Paths in the configuration are relative to the package, so `npx storybot` works from anywhere.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fromRoot = (value: string) => path.resolve(ROOT, value);

const USAGE = `storybot: answers questions about news stories from the article alone, quoting it word for word.

Usage:
  storybot [start]             the Discord bot when DISCORD_TOKEN is set, otherwise the console chat
  storybot ask "question" [--json] [--k N] [--story ID]
  storybot ask --batch [--k N] < questions.txt
  storybot add <url | file> [--id ID]   adds a story from a web page or a file (a running bot loads it)
  storybot deploy-commands     registers the slash commands (needs DISCORD_TOKEN and DISCORD_APPLICATION_ID)
  storybot --help | --version

Configuration: environment variables or .env (see .env.example).`;
const COMMANDS = ['start', 'ask', 'add', 'deploy-commands'];

interface Engine {
  readonly answerer: Answerer;
  readonly articles: readonly Article[];
  readonly modeLine: string;
}

async function loadSemantic(
  config: Config,
  logger: Logger,
  articles: readonly Article[],
): Promise<SemanticSearch | undefined> {
  if (!config.OPENAI_API_KEY || !config.OPENAI_EMBEDDING_MODEL) return undefined;
  const { createOpenAiEmbedder } = await import('./llm/openai-embedder.js');
  const embedder = createOpenAiEmbedder({
    ...connection(config, config.OPENAI_API_KEY),
    model: config.OPENAI_EMBEDDING_MODEL,
    logger,
  });
  try {
    const cache = await loadEmbeddingCache({ dir: fromRoot(config.STORYBOT_CACHE_DIR), embedder, logger });
    return await createSemanticSearch({ articles, cache, embedder });
  } catch (error) {
    logger.warn({ err: error }, 'embeddings unavailable; using BM25 alone');
    return undefined;
  }
}

function connection(config: Config, apiKey: string) {
  return {
    apiKey,
    ...(config.OPENAI_BASE_URL && { baseURL: config.OPENAI_BASE_URL }),
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
  };
}

async function buildEngine(config: Config, logger: Logger, records: Records): Promise<Engine> {
  const [{ articles }, prompts] = await Promise.all([
    loadArticles(fromRoot(config.STORYBOT_DATA_DIR), { logger }),
    loadPrompts(fromRoot('prompts')),
  ]);
  const key = config.OPENAI_API_KEY;
  const budget = key
    ? createTokenBudget({
        dailyCap: config.DAILY_TOKEN_CAP,
        model: config.OPENAI_MODEL,
        log: records.usage,
        previous: await records.usage.readDay(new Date().toISOString().slice(0, 10)),
      })
    : undefined;
  const llm = key
    ? (await import('./llm/openai-llm.js')).createOpenAiLlm({
        ...connection(config, key),
        model: config.OPENAI_MODEL,
        maxOutputTokens: config.OPENAI_MAX_OUTPUT_TOKENS,
        temperature: config.OPENAI_TEMPERATURE,
        jsonFormatPrompt: prompts.jsonFormat,
        logger,
        ...(budget && { onUsage: budget.record }),
      })
    : undefined;
  const semantic = await loadSemantic(config, logger, articles);
  const retriever = createRetriever({
    articles,
    defaultK: config.STORYBOT_TOP_K,
    ...(semantic && { semantic }),
  });
  const limiter = createConcurrencyLimiter({
    maxConcurrent: config.MAX_CONCURRENT_LLM_CALLS,
    maxQueued: config.MAX_QUEUED_QUESTIONS,
  });
  const answerer = createAnswerer({
    retriever,
    prompts,
    logger,
    limiter,
    ...(llm && { llm }),
    ...(budget && { budget }),
  });
  const where = config.OPENAI_BASE_URL ? ` at ${new URL(config.OPENAI_BASE_URL).host}` : '';
  const modeLine = llm
    ? `answering with ${config.OPENAI_MODEL}${where}${semantic ? ' (BM25 + embeddings)' : ' (BM25)'}.`
    : "extractive mode: no OPENAI_API_KEY is set, so answers are the article's own best-matching sentences.";
  return { answerer, articles, modeLine };
}

async function runDiscord(
  config: Config,
  logger: Logger,
  engine: Engine,
  conversations: ConversationStore,
  records: Records,
): Promise<number> {
  const { createDiscordBot, DiscordLoginError } = await import('./discord/index.js');
  const bot = createDiscordBot({
    ...engine,
    logger,
    conversations,
    feedback: records.feedback,
    options: {
      cooldownSeconds: config.USER_COOLDOWN_SECONDS,
      maxQuestionLength: config.MAX_QUESTION_LENGTH,
      k: config.STORYBOT_TOP_K,
      ...(config.DISCORD_APPLICATION_ID && { applicationId: config.DISCORD_APPLICATION_ID }),
    },
    ...(config.DISCORD_API_URL && { restApi: config.DISCORD_API_URL }),
  });
  try {
    await bot.start(config.DISCORD_TOKEN ?? '');
  } catch (error) {
    if (!(error instanceof DiscordLoginError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  logger.info({ mode: engine.modeLine, stories: engine.articles.length }, 'storybot is online');
  const signal = await new Promise<string>((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => resolve(name));
  });
  logger.info({ signal }, 'shutting down: finishing questions in progress');
  await bot.stop();
  return 0;
}

async function runDeploy(config: Config, logger: Logger): Promise<number> {
  const missing = [
    !config.DISCORD_TOKEN && 'DISCORD_TOKEN',
    !config.DISCORD_APPLICATION_ID && 'DISCORD_APPLICATION_ID',
  ].filter(Boolean);
  if (missing.length > 0) {
    process.stderr.write(`deploy-commands needs ${missing.join(' and ')} (see .env.example).\n`);
    return 2;
  }
  // Only the story list shapes the commands (the story option), so no model client is built.
  const { articles } = await loadArticles(fromRoot(config.STORYBOT_DATA_DIR), { logger });
  const [{ REST }, { buildCommands, deployCommands }] = await Promise.all([
    import('discord.js'),
    import('./discord/index.js'),
  ]);
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
    process.stdout.write(`${result.summary}\n`);
    return 0;
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (status !== 401 && status !== 403) throw error;
    process.stderr.write(
      'Discord rejected the commands: check DISCORD_TOKEN and that DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID) belong to this bot.\n',
    );
    return 1;
  }
}

function print(stream: NodeJS.WritableStream, text: string, code: number): number {
  stream.write(`${text}\n`);
  return code;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  if (['--help', '-h', 'help'].includes(command)) return print(process.stdout, USAGE, 0);
  if (['--version', '-v', 'version'].includes(command)) {
    const pkg = JSON.parse(await readFile(fromRoot('package.json'), 'utf8')) as { version: string };
    return print(process.stdout, `storybot ${pkg.version}`, 0);
  }
  if (!COMMANDS.includes(command))
    return print(process.stderr, `Unknown command "${command}".\n\n${USAGE}`, 2);

  dotenv.config({ path: fromRoot('.env'), quiet: true });
  const config = loadConfig(process.env);
  const bot = command === 'start' && config.DISCORD_TOKEN !== undefined;
  const logger = createLogger({
    level: config.LOG_LEVEL ?? (bot ? 'info' : 'warn'),
    secrets: [config.OPENAI_API_KEY, config.DISCORD_TOKEN, config.DATABASE_AUTH_TOKEN],
  });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  if (command === 'deploy-commands') return runDeploy(config, logger);

  const records = await openRecords({
    varDir: fromRoot(config.STORYBOT_VAR_DIR),
    ...(config.DATABASE_URL && { url: config.DATABASE_URL }),
    ...(config.DATABASE_AUTH_TOKEN && { authToken: config.DATABASE_AUTH_TOKEN }),
    storeDmText: config.STORE_DM_TEXT,
    retentionDays: config.RETENTION_DAYS,
    logger,
  });
  if (command === 'add')
    return runAdd(rest, {
      dataDir: fromRoot(config.STORYBOT_DATA_DIR),
      allowPrivate: config.STORYBOT_ALLOW_PRIVATE_URLS,
      stories: records.stories,
      logger,
      stdout: process.stdout,
      stderr: process.stderr,
    });
  const engine = await buildEngine(config, logger, records);
  const model = config.OPENAI_API_KEY ? config.OPENAI_MODEL : undefined;
  const recorded = (channelKind: 'cli' | 'console') => ({
    ...engine,
    answerer: createRecordingAnswerer(engine.answerer, records.questions, { channelKind }, model),
  });
  const io = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    maxQuestionLength: config.MAX_QUESTION_LENGTH,
  };
  if (command === 'ask') return runAsk(rest, { ...recorded('cli'), ...io, logger });
  const conversations = createConversationStore({
    maxTurns: config.CONVERSATION_MAX_TURNS,
    maxAgeMs: config.CONVERSATION_MAX_AGE_MINUTES * 60_000,
  });
  if (bot) return runDiscord(config, logger, engine, conversations, records);
  await runConsole({
    ...recorded('console'),
    conversations,
    logger,
    input: io.stdin,
    output: io.stdout,
    maxQuestionLength: io.maxQuestionLength,
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message =
      error instanceof ConfigError || (error instanceof Error && error.name === 'ArticleLoadError')
        ? error.message
        : `storybot could not start: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  },
);
