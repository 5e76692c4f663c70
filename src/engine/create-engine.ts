import path from 'node:path';
import { createAnswerer } from '../answering/answerer.js';
import { createConcurrencyLimiter, type ConcurrencyLimiter } from '../answering/limit-concurrency.js';
import { createModelClaimChecker, type ClaimChecker } from '../answering/grounding/model-check.js';
import { createPromptLayout } from '../answering/prompt/prompt-layout.js';
import { loadPrompts, type Prompts } from '../answering/prompt/prompts.js';
import type { TokenBudget } from '../answering/token-budget.js';
import { loadArticles } from '../articles/load-articles.js';
import type { Article } from '../articles/types.js';
import type { Config } from '../config/load-config.js';
import type { LlmClient } from '../domain/ports.js';
import type { Answerer, Retriever, Usage } from '../domain/types.js';
import type { Logger } from '../logging/logger.js';
import { createRetriever } from '../retrieval/retriever.js';
import { withSemanticFallback } from '../retrieval/semantic-fallback.js';
import type { SharedState } from '../shared-state/create-shared-state.js';
import { shareEngineLimits } from '../shared-state/share-engine-limits.js';
import { sharedTokenCounter } from '../text/token-count.js';
import type { SemanticSearch } from '../retrieval/semantic-search.js';
import { connectionOf, loadSemanticFromConfig, loadTokenBudgetFromConfig } from './from-config.js';

/** What the engine needs besides the configuration; everything but `root` and `logger` has a default. */
export interface EngineDeps {
  /** The package root: relative paths in the configuration, and `prompts/`, resolve against it. */
  readonly root: string;
  readonly logger: Logger;
  /** Stories already loaded; by default they are read from STORYBOT_DATA_DIR. */
  readonly articles?: readonly Article[];
  /** Prompts already loaded; by default they are read from `prompts/`. */
  readonly prompts?: Prompts;
  /** Embedding search, or undefined for BM25 alone; by default built from the configured embedding model. */
  readonly loadSemantic?: (articles: readonly Article[]) => Promise<SemanticSearch | undefined>;
  /** The daily token budget; by default built from DAILY_TOKEN_CAP and `usage.jsonl` when a key is set. */
  readonly loadBudget?: () => Promise<TokenBudget | undefined>;
  /** Replaces the model client's fetch (fault injection in tests). */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * State shared with other processes (Discord shards on Redis): the token budget and the cap on
   * concurrent model calls then hold for all of them together. Unset: this process alone.
   */
  readonly shared?: SharedState;
  /** Reuses a retriever already built over the same stories (the evaluation compares two answerers on one). */
  readonly retriever?: Retriever;
}

/** The wired answer engine every front end uses. */
export interface Engine {
  readonly answerer: Answerer;
  readonly articles: readonly Article[];
  readonly retriever: Retriever;
  readonly prompts: Prompts;
  /** One line saying how answers are made (model name, or extractive), for the console and the logs. */
  readonly modeLine: string;
}

const MAX_STORIES_COUNTED_AT_START = 100;

function modeLineOf(config: Config, llm: LlmClient | undefined, semantic: boolean): string {
  if (!llm)
    return "extractive mode: no OPENAI_API_KEY is set, so answers are the article's own best-matching sentences.";
  const where = config.OPENAI_BASE_URL ? ` at ${new URL(config.OPENAI_BASE_URL).host}` : '';
  return `answering with ${config.OPENAI_MODEL}${where}${semantic ? ' (BM25 + embeddings)' : ' (BM25)'}.`;
}

async function createLlm(
  config: Config,
  deps: EngineDeps,
  prompts: Prompts,
  budget: TokenBudget | undefined,
  model = config.OPENAI_MODEL,
): Promise<LlmClient | undefined> {
  if (!config.OPENAI_API_KEY) return undefined;
  // The OpenAI SDK takes about 0.1 s to load, so it is imported only when a key is set.
  const { createOpenAiLlm } = await import('../llm/openai-llm.js');
  return createOpenAiLlm({
    ...connectionOf(config, config.OPENAI_API_KEY),
    model,
    maxOutputTokens: config.OPENAI_MAX_OUTPUT_TOKENS,
    temperature: config.OPENAI_TEMPERATURE,
    jsonFormatPrompt: prompts.jsonFormat,
    logger: deps.logger,
    ...(deps.fetch && { fetch: deps.fetch }),
    ...(budget && { onUsage: (usage: Usage) => budget.record(usage) }),
  });
}

/** The optional second opinion on claims (GROUNDING_CHECK=model), on its own cheap model. */
async function createChecker(
  config: Config,
  deps: EngineDeps,
  prompts: Prompts,
  budget: TokenBudget | undefined,
): Promise<ClaimChecker | undefined> {
  if (config.GROUNDING_CHECK !== 'model') return undefined;
  const llm = await createLlm(config, deps, prompts, budget, config.GROUNDING_MODEL);
  return (
    llm &&
    createModelClaimChecker({ llm, prompts, logger: deps.logger, timeoutMs: config.GROUNDING_TIMEOUT_MS })
  );
}

function semanticFor(
  config: Config,
  deps: EngineDeps,
  articles: readonly Article[],
  shared: { readonly limiter: ConcurrencyLimiter; readonly budget: TokenBudget | undefined },
) {
  // A shared retriever already has its own embedding search.
  if (deps.retriever) return Promise.resolve(undefined);
  if (deps.loadSemantic) return deps.loadSemantic(articles);
  const cacheDir = path.resolve(deps.root, config.STORYBOT_CACHE_DIR);
  const { limiter, budget } = shared;
  return loadSemanticFromConfig(config, {
    articles,
    logger: deps.logger,
    cacheDir,
    // Query embeddings share the chat's concurrency cap and daily token budget.
    gate: { run: (task) => limiter.run(task), blockedReason: () => budget?.blockedReason() },
    ...(budget && { onUsage: (usage: Usage) => budget.record(usage) }),
  });
}

/**
 * Wires the engine from the configuration: stories, prompts, the token budget, the model client
 * (none without a key: extractive answers), embedding search, the retriever and the answerer.
 * src/index.ts, the test helpers and the benchmarks all build their engine here, passing fakes in `deps`.
 */
export async function createEngine(config: Config, deps: EngineDeps): Promise<Engine> {
  const fromRoot = (value: string) => path.resolve(deps.root, value);
  const [articles, prompts] = await Promise.all([
    deps.articles ??
      loadArticles(fromRoot(config.STORYBOT_DATA_DIR), { logger: deps.logger }).then((r) => r.articles),
    deps.prompts ?? loadPrompts(fromRoot('prompts')),
  ]);
  const ownBudget = deps.loadBudget
    ? await deps.loadBudget()
    : await loadTokenBudgetFromConfig(config, fromRoot(config.STORYBOT_VAR_DIR));
  const ownLimiter = createConcurrencyLimiter({
    maxConcurrent: config.MAX_CONCURRENT_LLM_CALLS,
    maxQueued: config.MAX_QUEUED_QUESTIONS,
  });
  const { budget, limiter } = deps.shared
    ? shareEngineLimits({
        shared: deps.shared,
        budget: ownBudget,
        limiter: ownLimiter,
        dailyCap: config.DAILY_TOKEN_CAP,
        maxConcurrent: config.MAX_CONCURRENT_LLM_CALLS,
      })
    : { budget: ownBudget, limiter: ownLimiter };
  const llm = await createLlm(config, deps, prompts, budget);
  const checker = await createChecker(config, deps, prompts, budget);
  const semantic = await semanticFor(config, deps, articles, { limiter, budget });
  // Embeddings are optional for every question: a failure falls back to BM25 (semantic-fallback.ts).
  const optional = semantic && withSemanticFallback(semantic, deps.logger);
  const retriever =
    deps.retriever ??
    createRetriever({ articles, defaultK: config.STORYBOT_TOP_K, ...(optional && { semantic: optional }) });
  const layout = createPromptLayout({
    prompts,
    contextBudget: config.STORYBOT_CONTEXT_BUDGET,
    countTokens: sharedTokenCounter(),
  });
  // Stories are counted at start-up, in the background, when there are few; otherwise on first use.
  if (llm && articles.length <= MAX_STORIES_COUNTED_AT_START)
    for (const article of articles) layout.prepare(article).catch(() => undefined);
  const answerer = createAnswerer({
    retriever,
    prompts,
    layout,
    logger: deps.logger,
    limiter,
    ...(llm && { llm }),
    ...(budget && { budget }),
    ...(checker && { checker }),
  });
  return {
    answerer,
    articles,
    retriever,
    prompts,
    modeLine: modeLineOf(config, llm, semantic !== undefined),
  };
}
