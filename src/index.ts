#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REST } from 'discord.js';
import dotenv from 'dotenv';
import { loadArticles } from './articles/load-articles.js';
import type { Article } from './articles/types.js';
import { createAnswerer } from './answering/answerer.js';
import { createConversationStore, type ConversationStore } from './answering/conversation-store.js';
import { createConcurrencyLimiter } from './answering/limit-concurrency.js';
import { createTokenBudget, readUsageLog, type UsageRecord } from './answering/token-budget.js';
import { loadPrompts } from './answering/prompts.js';
import type { Answerer } from './answering/types.js';
import { runAsk } from './cli/run-ask.js';
import { ConfigError, loadConfig, type Config } from './config/load-config.js';
import { runConsole } from './console/run-console.js';
import { buildCommands, createDiscordBot, deployCommands, DiscordLoginError } from './discord/index.js';
import { createFeedbackLog } from './feedback/feedback-log.js';
import { createLogger, type Logger } from './logging/logger.js';
import { createOpenAiEmbedder } from './llm/openai-embedder.js';
import { createOpenAiLlm } from './llm/openai-llm.js';
import { loadEmbeddingCache } from './retrieval/embedding-cache.js';
import { createRetriever } from './retrieval/retriever.js';
import { createSemanticSearch, type SemanticSearch } from './retrieval/semantic-search.js';
import { createJsonlWriter } from './storage/jsonl-file.js';

// Paths in the configuration are relative to the package, so `npx storybot` works from anywhere.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fromRoot = (value: string) => path.resolve(ROOT, value);

interface Engine {
  readonly answerer: Answerer;
  readonly articles: readonly Article[];
  readonly modeLine: string;
}

async function loadSemantic(config: Config, logger: Logger, articles: readonly Article[]): Promise<SemanticSearch | undefined> {
  if (!config.OPENAI_API_KEY || !config.OPENAI_EMBEDDING_MODEL) return undefined;
  const embedder = createOpenAiEmbedder({ ...connection(config, config.OPENAI_API_KEY), model: config.OPENAI_EMBEDDING_MODEL, logger });
  try {
    const cache = await loadEmbeddingCache({ dir: fromRoot(config.STORYBOT_CACHE_DIR), embedder, logger });
    return await createSemanticSearch({ articles, cache });
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

async function buildEngine(config: Config, logger: Logger): Promise<Engine> {
  const [{ articles }, prompts] = await Promise.all([
    loadArticles(fromRoot(config.STORYBOT_DATA_DIR), { logger }),
    loadPrompts(fromRoot('prompts')),
  ]);
  const key = config.OPENAI_API_KEY;
  const llm = key
    ? createOpenAiLlm({
        ...connection(config, key),
        model: config.OPENAI_MODEL,
        maxOutputTokens: config.OPENAI_MAX_OUTPUT_TOKENS,
        temperature: config.OPENAI_TEMPERATURE,
        jsonFormatPrompt: prompts.jsonFormat,
        logger,
      })
    : undefined;
  const semantic = await loadSemantic(config, logger, articles);
  const retriever = createRetriever({ articles, defaultK: config.STORYBOT_TOP_K, ...(semantic && { semantic }) });
  const limiter = createConcurrencyLimiter({ maxConcurrent: config.MAX_CONCURRENT_LLM_CALLS, maxQueued: config.MAX_QUEUED_QUESTIONS });
  const usageFile = path.join(fromRoot(config.STORYBOT_VAR_DIR), 'usage.jsonl');
  const budget = llm
    ? createTokenBudget({
        dailyCap: config.DAILY_TOKEN_CAP,
        model: config.OPENAI_MODEL,
        log: createJsonlWriter<UsageRecord>(usageFile),
        previous: await readUsageLog(usageFile),
      })
    : undefined;
  const answerer = createAnswerer({ retriever, prompts, logger, limiter, ...(llm && { llm }), ...(budget && { budget }) });
  const where = config.OPENAI_BASE_URL ? ` at ${new URL(config.OPENAI_BASE_URL).host}` : '';
  const modeLine = llm
    ? `answering with ${config.OPENAI_MODEL}${where}${semantic ? ' (BM25 + embeddings)' : ' (BM25)'}.`
    : 'extractive mode: no OPENAI_API_KEY is set, so answers are the article\'s own best-matching sentences.';
  return { answerer, articles, modeLine };
}

async function runDiscord(config: Config, logger: Logger, engine: Engine, conversations: ConversationStore): Promise<number> {
  const bot = createDiscordBot({
    ...engine,
    logger,
    conversations,
    feedback: createFeedbackLog({ file: path.join(fromRoot(config.STORYBOT_VAR_DIR), 'feedback.jsonl') }),
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

async function runDeploy(config: Config, engine: Engine): Promise<number> {
  const missing = [!config.DISCORD_TOKEN && 'DISCORD_TOKEN', !config.DISCORD_APPLICATION_ID && 'DISCORD_APPLICATION_ID'].filter(Boolean);
  if (missing.length > 0) {
    process.stderr.write(`deploy-commands needs ${missing.join(' and ')} (see .env.example).\n`);
    return 2;
  }
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN ?? '');
  const result = await deployCommands({
    rest,
    applicationId: config.DISCORD_APPLICATION_ID ?? '',
    ...(config.DISCORD_GUILD_ID && { guildId: config.DISCORD_GUILD_ID }),
    commands: buildCommands(engine.articles, { maxQuestionLength: config.MAX_QUESTION_LENGTH }),
  });
  process.stdout.write(`${result.summary}\n`);
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  dotenv.config({ path: fromRoot('.env'), quiet: true });
  const config = loadConfig(process.env);
  const [command = 'start', ...rest] = argv;
  const interactive = command !== 'start' || !config.DISCORD_TOKEN;
  const logger = createLogger({
    level: config.LOG_LEVEL ?? (interactive ? 'warn' : 'info'),
    secrets: [config.OPENAI_API_KEY, config.DISCORD_TOKEN],
  });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  if (command === '--version' || command === 'version') {
    const pkg = JSON.parse(await readFile(fromRoot('package.json'), 'utf8')) as { version: string };
    process.stdout.write(`storybot ${pkg.version}\n`);
    return 0;
  }
  const engine = await buildEngine(config, logger);
  const conversations = createConversationStore({
    maxTurns: config.CONVERSATION_MAX_TURNS,
    maxAgeMs: config.CONVERSATION_MAX_AGE_MINUTES * 60_000,
  });
  if (command === 'ask') {
    return runAsk(rest, { ...engine, logger, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, maxQuestionLength: config.MAX_QUESTION_LENGTH });
  }
  if (command === 'deploy-commands') return runDeploy(config, engine);
  if (command === 'start' && config.DISCORD_TOKEN) return runDiscord(config, logger, engine, conversations);
  if (command === 'start') {
    await runConsole({ ...engine, conversations, logger, input: process.stdin, output: process.stdout, maxQuestionLength: config.MAX_QUESTION_LENGTH });
    return 0;
  }
  process.stderr.write(`Unknown command "${command}". Commands: start (default), ask, deploy-commands.\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof ConfigError || (error instanceof Error && error.name === 'ArticleLoadError')
      ? error.message
      : `storybot could not start: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  },
);
