import type { Prompts } from '../answering/prompt/prompts.js';
import type { TokenBudget } from '../answering/token-budget.js';
import type { Article } from '../articles/types.js';
import type { Config } from '../config/load-config.js';
import type { Answerer, Retriever } from '../domain/types.js';
import type { Logger } from '../logging/logger.js';
import type { SemanticSearch } from '../retrieval/semantic-search.js';
import type { SharedState } from '../shared-state/create-shared-state.js';
import { createRuntime } from './create-runtime.js';

/** What a bare engine needs besides the configuration; everything but `root` and `logger` has a default. */
export interface EngineDeps {
  readonly root: string;
  readonly logger: Logger;
  readonly articles?: readonly Article[];
  readonly prompts?: Prompts;
  /** Embedding search; by default built from the configured embedding model. */
  readonly semantic?: SemanticSearch;
  /** The daily token budget; by default DAILY_TOKEN_CAP in memory (nothing is written) when a key is set. */
  readonly loadBudget?: () => Promise<TokenBudget | undefined>;
  readonly fetch?: typeof globalThis.fetch;
  /** State shared with other processes: the token budget and the model-call cap then hold for all. */
  readonly shared?: SharedState;
  /** Reuses a retriever already built over the same stories (the evaluation compares two answerers on one). */
  readonly retriever?: Retriever;
}

/** A wired answer engine over fixed stories. */
export interface Engine {
  readonly answerer: Answerer;
  readonly articles: readonly Article[];
  readonly retriever: Retriever;
  readonly prompts: Prompts;
  readonly modeLine: string;
}

/**
 * A runtime without records over fixed stories (the test helpers and the benchmarks; fakes come in
 * through `deps`): the same wiring as the front ends get from {@link createRuntime}, nothing recorded.
 */
export async function createEngine(config: Config, deps: EngineDeps): Promise<Engine> {
  const runtime = await createRuntime(config, {
    root: deps.root,
    logger: deps.logger,
    records: false,
    ...(deps.articles && { articles: deps.articles }),
    ...(deps.prompts && { prompts: deps.prompts }),
    ...(deps.loadBudget && { loadBudget: deps.loadBudget }),
    ...(deps.fetch && { fetch: deps.fetch }),
    ...(deps.shared && { shared: deps.shared }),
    embeddings: deps.semantic === undefined && deps.retriever === undefined,
    index: {
      ...(deps.semantic && { semantic: deps.semantic }),
      ...(deps.retriever && { retriever: deps.retriever }),
    },
  });
  return runtime;
}
