import { createAnswerer } from '../answering/answerer.js';
import type { ConcurrencyLimiter } from '../answering/limit-concurrency.js';
import { createPromptLayout } from '../answering/prompt/prompt-layout.js';
import type { Prompts } from '../answering/prompt/prompts.js';
import type { TokenBudget } from '../answering/token-budget.js';
import type { Article } from '../articles/types.js';
import type { Answerer, Retriever } from '../domain/types.js';
import type { Logger } from '../logging/logger.js';
import { createRetriever } from '../retrieval/retriever.js';
import { withSemanticFallback } from '../retrieval/semantic-fallback.js';
import type { SemanticSearch } from '../retrieval/semantic-search.js';
import { rememberStories, type AnalysisStore } from '../text/nlp.js';
import type { CountTokens } from '../text/token-count.js';
import { semanticSearchOver, type ModelClients } from './model-clients.js';

/** What depends on the stories: rebuilt, cheaply, every time they change. */
export interface StoryIndex {
  readonly answerer: Answerer;
  readonly articles: readonly Article[];
  readonly retriever: Retriever;
  /** Whether retrieval fuses embeddings with BM25. */
  readonly semantic: boolean;
}

/** The process-lifetime parts an index is built from (the runtime's). */
export interface IndexParts {
  readonly models: ModelClients;
  readonly limiter: ConcurrencyLimiter;
  readonly budget: TokenBudget | undefined;
  readonly prompts: Prompts;
  readonly countTokens: CountTokens;
  /** Where each story's language analysis is kept (read back, or computed once and stored, here). */
  readonly analyses: AnalysisStore;
  readonly logger: Logger;
  readonly topK: number;
  readonly contextBudget: number;
}

export interface IndexOptions {
  /** Reuses a retriever already built over the same stories (the evaluation compares two answerers on one). */
  readonly retriever?: Retriever;
  /** Brings embedding search along (tests, the bench); by default built from the runtime's embedder. */
  readonly semantic?: SemanticSearch;
}

const MAX_STORIES_COUNTED_AT_START = 100;

/**
 * Indexes stories: the retriever (BM25, and embeddings when configured), the prompt layout and the
 * answerer, over the runtime's model clients, limiter and budget, which it never rebuilds.
 */
export async function indexStories(
  parts: IndexParts,
  articles: readonly Article[],
  options: IndexOptions = {},
): Promise<StoryIndex> {
  const { models, limiter, budget, logger } = parts;
  // Each story's analysis is read from disk, or computed once and stored, so answering needs no
  // language model; a large library is analysed story by story on first use instead.
  rememberStories(
    articles.map((article) => article.paragraphs.map((paragraph) => paragraph.text)),
    parts.analyses,
    { index: articles.length <= MAX_STORIES_COUNTED_AT_START },
  );
  // Query embeddings share the chat's concurrency cap and daily token budget.
  const gate = { run: limiter.run.bind(limiter), blockedReason: () => budget?.blockedReason() };
  const semantic =
    options.retriever || options.semantic
      ? options.semantic
      : models.embeddings && (await semanticSearchOver(articles, models.embeddings, gate, logger));
  // Embeddings are optional for every question: a failure falls back to BM25 (semantic-fallback.ts).
  const optional = semantic && withSemanticFallback(semantic, logger);
  const retriever =
    options.retriever ??
    createRetriever({ articles, defaultK: parts.topK, ...(optional && { semantic: optional }) });
  const layout = createPromptLayout({
    prompts: parts.prompts,
    contextBudget: parts.contextBudget,
    countTokens: parts.countTokens,
  });
  // Stories are counted at start-up, in the background, when there are few; otherwise on first use.
  if (models.llm && articles.length <= MAX_STORIES_COUNTED_AT_START)
    for (const article of articles) layout.prepare(article).catch(() => undefined);
  const answerer = createAnswerer({
    retriever,
    prompts: parts.prompts,
    layout,
    logger,
    limiter,
    ...(models.llm && { llm: models.llm }),
    ...(budget && { budget }),
    ...(models.checker && { checker: models.checker }),
  });
  return { answerer, articles, retriever, semantic: semantic !== undefined };
}
