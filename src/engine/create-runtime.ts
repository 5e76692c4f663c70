import path from 'node:path';
import { createConversationStore, type ConversationStore } from '../answering/conversation-store.js';
import { createConcurrencyLimiter, type ConcurrencyLimiter } from '../answering/limit-concurrency.js';
import { loadPrompts, type Prompts } from '../answering/prompt/prompts.js';
import { createRecordingAnswerer } from '../answering/record-questions.js';
import { createTokenBudget, type TokenBudget } from '../answering/token-budget.js';
import { loadArticles } from '../articles/load-articles.js';
import { createStoryLibrary } from '../articles/story-library.js';
import type { Article } from '../articles/types.js';
import { watchArticleFolder } from '../articles/watch-folder.js';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../logging/logger.js';
import { createMemorySharedState, type SharedState } from '../shared-state/create-shared-state.js';
import { shareEngineLimits } from '../shared-state/share-engine-limits.js';
import type { Asker } from '../storage/question-log.js';
import { openRecords, type Records } from '../storage/records.js';
import { sharedTokenCounter, withStoredCounts, type CountTokens } from '../text/token-count.js';
import { createAnalysisStore, createTokenCountStore } from './disk-caches.js';
import { indexStories, type IndexOptions, type StoryIndex } from './index-stories.js';
import { createLiveEngine, type LiveEngine } from './live-engine.js';
import { createModelClients, type ModelClients } from './model-clients.js';

export interface RuntimeOptions {
  /** The package root: relative paths in the configuration, and `prompts/`, resolve against it. */
  readonly root: string;
  readonly logger: Logger;
  /** The records database; by default opened from the configuration. `false`: nothing is recorded. */
  readonly records?: Records | false;
  /** State shared with other processes (Discord shards on Redis); by default this process's memory. */
  readonly shared?: SharedState;
  /** Stories already loaded; by default read from STORYBOT_DATA_DIR (and watched when STORYBOT_WATCH_DATA). */
  readonly articles?: readonly Article[];
  /** Watch the data folder for stories added, changed or deleted (the console and the bot). */
  readonly watch?: boolean;
  readonly prompts?: Prompts;
  /** The daily token budget; by default DAILY_TOKEN_CAP, resumed from the records database, when a key is set. */
  readonly loadBudget?: () => Promise<TokenBudget | undefined>;
  /** Replaces the model clients' fetch (fault injection in tests). */
  readonly fetch?: typeof globalThis.fetch;
  /** Embeddings from the configured model (default true); tests and the bench may bring their own. */
  readonly embeddings?: boolean;
  /** Where questions come from when a front end names no asker (the questions log's channel kind). */
  readonly asker?: Asker;
  /** Passed to the first index (a test's embedding search, the eval's shared retriever). */
  readonly index?: IndexOptions;
}

/**
 * What lives as long as the process: configuration, logger, records, shared state, model clients
 * (one memory of the server's quirks), the model-call limiter, the token budget and the token
 * counter; and the stories, indexed by {@link Runtime.index}, which a story change re-runs alone.
 * Front ends receive this one object.
 */
export interface Runtime extends LiveEngine {
  readonly config: Config;
  readonly root: string;
  readonly logger: Logger;
  readonly records?: Records;
  readonly shared: SharedState;
  readonly prompts: Prompts;
  readonly limiter: ConcurrencyLimiter;
  readonly budget: TokenBudget | undefined;
  readonly models: ModelClients;
  readonly countTokens: CountTokens;
  /** The console's conversations (the bot keeps its own in `shared`). */
  readonly conversations: ConversationStore;
  /** Indexes stories over this runtime's clients, limiter and budget (cheap: nothing process-wide is rebuilt). */
  index(articles: readonly Article[], options?: IndexOptions): Promise<StoryIndex>;
  /** Stops watching the data folder and closes the records and the shared state. */
  close(): Promise<void>;
}

function modeLineOf(config: Config, models: ModelClients, semantic: boolean): string {
  if (!models.llm)
    return "extractive mode: no OPENAI_API_KEY is set, so answers are the article's own best-matching sentences.";
  const where = config.OPENAI_BASE_URL ? ` at ${new URL(config.OPENAI_BASE_URL).host}` : '';
  return `answering with ${config.OPENAI_MODEL}${where}${semantic ? ' (BM25 + embeddings)' : ' (BM25)'}.`;
}

/** Opens the records database named by the configuration. */
export function openRecordsFor(config: Config, root: string, logger: Logger): Promise<Records> {
  return openRecords({
    varDir: path.resolve(root, config.STORYBOT_VAR_DIR),
    ...(config.DATABASE_URL && { url: config.DATABASE_URL }),
    ...(config.DATABASE_AUTH_TOKEN && { authToken: config.DATABASE_AUTH_TOKEN }),
    storeDmText: config.STORE_DM_TEXT,
    retentionDays: config.RETENTION_DAYS,
    logger,
  });
}

/** DAILY_TOKEN_CAP, resumed from today's usage in the records (in memory only without them); none without a key. */
async function budgetFor(config: Config, records: Records | undefined): Promise<TokenBudget | undefined> {
  if (!config.OPENAI_API_KEY) return undefined;
  const today = new Date().toISOString().slice(0, 10);
  return createTokenBudget({
    dailyCap: config.DAILY_TOKEN_CAP,
    model: config.OPENAI_MODEL,
    ...(records && { log: records.usage, previous: await records.usage.readDay(today) }),
  });
}

/** Builds the runtime: everything process-wide first, then the stories' first index. */
export async function createRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const { root, logger } = options;
  const dataDir = path.resolve(root, config.STORYBOT_DATA_DIR);
  const [prompts, records, articles] = await Promise.all([
    options.prompts ?? loadPrompts(path.resolve(root, 'prompts')),
    options.records === false ? undefined : (options.records ?? openRecordsFor(config, root, logger)),
    options.articles ?? loadArticles(dataDir, { logger }).then((loaded) => loaded.articles),
  ]);
  const shared =
    options.shared ??
    createMemorySharedState({
      cooldownSeconds: config.USER_COOLDOWN_SECONDS,
      maxTurns: config.CONVERSATION_MAX_TURNS,
      maxAgeMs: config.CONVERSATION_MAX_AGE_MINUTES * 60_000,
    });
  const ownBudget = options.loadBudget ? await options.loadBudget() : await budgetFor(config, records);
  const { budget, limiter } = shareEngineLimits({
    shared,
    budget: ownBudget,
    limiter: createConcurrencyLimiter({
      maxConcurrent: config.MAX_CONCURRENT_LLM_CALLS,
      maxQueued: config.MAX_QUEUED_QUESTIONS,
    }),
    dailyCap: config.DAILY_TOKEN_CAP,
    maxConcurrent: config.MAX_CONCURRENT_LLM_CALLS,
  });
  const cacheDir = path.resolve(root, config.STORYBOT_CACHE_DIR);
  const models = await createModelClients(config, {
    logger,
    prompts,
    budget,
    cacheDir,
    embeddings: options.embeddings ?? true,
    ...(options.fetch && { fetch: options.fetch }),
  });
  const parts = {
    models,
    limiter,
    budget,
    prompts,
    // Counts and story analyses are kept on disk: a process whose stories are known starts neither
    // the tokenizer worker nor the language model.
    countTokens: withStoredCounts(sharedTokenCounter(), createTokenCountStore(cacheDir)),
    analyses: createAnalysisStore(cacheDir),
    logger,
    topK: config.STORYBOT_TOP_K,
    contextBudget: config.STORYBOT_CONTEXT_BUDGET,
  };
  const index = (stories: readonly Article[], indexOptions?: IndexOptions) =>
    indexStories(parts, stories, indexOptions);
  const library = createStoryLibrary(articles);
  let first = true;
  const live = await createLiveEngine(
    library,
    async (stories) => {
      const built = await index(stories, first ? options.index : undefined);
      first = false;
      return { ...built, modeLine: modeLineOf(config, models, built.semantic) };
    },
    logger,
  );
  const stopWatching =
    options.watch && !options.articles
      ? watchArticleFolder({ dir: dataDir, library, logger })
      : () => undefined;
  const model = models.llm ? config.OPENAI_MODEL : undefined;
  const asker = options.asker ?? { channelKind: 'cli' };
  return {
    answerer: records
      ? createRecordingAnswerer(live.answerer, records.questions, asker, model)
      : live.answerer,
    articles: live.articles,
    get retriever() {
      return live.retriever;
    },
    get modeLine() {
      return live.modeLine;
    },
    library,
    settled: () => live.settled(),
    onReindexed: (listener) => live.onReindexed(listener),
    config,
    root,
    logger,
    ...(records && { records }),
    shared,
    prompts,
    limiter,
    budget,
    models,
    countTokens: parts.countTokens,
    conversations: createConversationStore({
      maxTurns: config.CONVERSATION_MAX_TURNS,
      maxAgeMs: config.CONVERSATION_MAX_AGE_MINUTES * 60_000,
    }),
    index,
    async close() {
      stopWatching();
      await shared.close();
      records?.close();
    },
  };
}
