import type { ClaimChecker } from '../answering/grounding/model-check.js';
import type { Prompts } from '../answering/prompt/prompts.js';
import type { TokenBudget } from '../answering/token-budget.js';
import type { Article } from '../articles/types.js';
import type { Config } from '../config/load-config.js';
import type { Embedder, LlmClient } from '../domain/ports.js';
import type { Usage } from '../domain/types.js';
import type { ServerMemory } from '../llm/server-memory.js';
import type { Logger } from '../logging/logger.js';
import { loadEmbeddingCache, type EmbeddingCache } from '../retrieval/embedding-cache.js';
import { createSemanticSearch, type QueryGate, type SemanticSearch } from '../retrieval/semantic-search.js';
import { sharedTokenCounter } from '../text/token-count.js';

/** The OpenAI connection settings shared by the chat and embedding clients. */
export function connectionOf(config: Config, apiKey: string) {
  return {
    apiKey,
    ...(config.OPENAI_BASE_URL && { baseURL: config.OPENAI_BASE_URL }),
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
  };
}

/** The model clients of one process: built once, so what they learn about the server is kept. */
export interface ModelClients {
  /** The chat model; none without a key (answers are extractive). */
  readonly llm?: LlmClient;
  /** The optional second opinion on claims (GROUNDING_CHECK=model), on its own cheap model. */
  readonly checker?: ClaimChecker;
  /** What the clients learnt about the server (request shape, streaming), shared by all of them. */
  readonly memory?: ServerMemory;
  /** Paragraph embeddings and their on-disk cache, when a key and an embedding model are set. */
  readonly embeddings?: { readonly embedder: Embedder; readonly cache: EmbeddingCache };
}

export interface ModelClientsDeps {
  readonly logger: Logger;
  readonly prompts: Prompts;
  readonly budget: TokenBudget | undefined;
  /** Where the embedding cache lives. */
  readonly cacheDir: string;
  /** Replaces the model clients' fetch (fault injection in tests). */
  readonly fetch?: typeof globalThis.fetch;
  /** Embeddings are loaded only when true (a test or the bench may bring its own). */
  readonly embeddings: boolean;
}

async function loadEmbeddings(config: Config, deps: ModelClientsDeps, onUsage?: (usage: Usage) => void) {
  if (!config.OPENAI_API_KEY || !config.OPENAI_EMBEDDING_MODEL || !deps.embeddings) return undefined;
  const { createOpenAiEmbedder } = await import('../llm/openai-embedder.js');
  const embedder = createOpenAiEmbedder({
    ...connectionOf(config, config.OPENAI_API_KEY),
    model: config.OPENAI_EMBEDDING_MODEL,
    logger: deps.logger,
    ...(onUsage && { onUsage }),
  });
  try {
    return {
      embedder,
      cache: await loadEmbeddingCache({ dir: deps.cacheDir, embedder, logger: deps.logger }),
    };
  } catch (error) {
    deps.logger.warn({ err: error }, 'embeddings unavailable; using BM25 alone');
    return undefined;
  }
}

/**
 * The chat client, the claim checker and the embedder, from the configuration: none without a key.
 * The OpenAI SDK takes about 0.1 s to load, so it is imported only when a key is set.
 */
export async function createModelClients(config: Config, deps: ModelClientsDeps): Promise<ModelClients> {
  const key = config.OPENAI_API_KEY;
  if (!key) return {};
  const [{ createOpenAiLlm }, { createServerMemory }, { createModelClaimChecker }, { createCircuitBreaker }] =
    await Promise.all([
      import('../llm/openai-llm.js'),
      import('../llm/server-memory.js'),
      import('../answering/grounding/model-check.js'),
      import('../llm/circuit-breaker.js'),
    ]);
  const { budget, logger, prompts } = deps;
  const onUsage = budget && ((usage: Usage) => budget.record(usage));
  const memory = createServerMemory();
  const cooldownMs = config.OPENAI_DOWN_RETRY_SECONDS * 1_000;
  const clientFor = (model: string) => {
    const client = createOpenAiLlm({
      ...connectionOf(config, key),
      model,
      maxOutputTokens: config.OPENAI_MAX_OUTPUT_TOKENS,
      temperature: config.OPENAI_TEMPERATURE,
      jsonFormatPrompt: prompts.jsonFormat,
      logger,
      memory,
      ...(deps.fetch && { fetch: deps.fetch }),
      ...(onUsage && { onUsage }),
      // For replies the server sent no usage for (a stream cut off or stopped): counted, not lost.
      countTokens: sharedTokenCounter(),
    });
    // A server found down is not waited on again by every question, in the console and the bot alike.
    return cooldownMs > 0 ? createCircuitBreaker(client, { logger, cooldownMs }) : client;
  };
  const llm = clientFor(config.OPENAI_MODEL);
  const checker =
    config.GROUNDING_CHECK === 'model'
      ? createModelClaimChecker({
          llm: clientFor(config.GROUNDING_MODEL),
          prompts,
          logger,
          timeoutMs: config.GROUNDING_TIMEOUT_MS,
        })
      : undefined;
  const embeddings = await loadEmbeddings(config, deps, onUsage);
  return { llm, memory, ...(checker && { checker }), ...(embeddings && { embeddings }) };
}

/**
 * Embedding search over these stories; if the paragraphs can't be embedded the bot still runs,
 * on BM25 alone. Cheap for stories already in the cache.
 */
export async function semanticSearchOver(
  articles: readonly Article[],
  embeddings: NonNullable<ModelClients['embeddings']>,
  gate: QueryGate,
  logger: Logger,
): Promise<SemanticSearch | undefined> {
  try {
    return await createSemanticSearch({ articles, ...embeddings, gate });
  } catch (error) {
    logger.warn({ err: error }, 'embeddings unavailable; using BM25 alone');
    return undefined;
  }
}
