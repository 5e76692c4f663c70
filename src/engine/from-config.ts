import path from 'node:path';
import {
  createTokenBudget,
  readUsageLog,
  type TokenBudget,
  type UsageRecord,
} from '../answering/token-budget.js';
import type { Article } from '../articles/types.js';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../logging/logger.js';
import { loadEmbeddingCache } from '../retrieval/embedding-cache.js';
import { createSemanticSearch, type QueryGate, type SemanticSearch } from '../retrieval/semantic-search.js';
import type { Usage } from '../domain/types.js';
import { createJsonlWriter } from '../storage/jsonl-file.js';

/** The OpenAI connection settings shared by the chat and embedding clients. */
export function connectionOf(config: Config, apiKey: string) {
  return {
    apiKey,
    ...(config.OPENAI_BASE_URL && { baseURL: config.OPENAI_BASE_URL }),
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
  };
}

/** The daily token budget, resumed from `usage.jsonl` in `varDir`; none without a key. */
export async function loadTokenBudgetFromConfig(
  config: Config,
  varDir: string,
): Promise<TokenBudget | undefined> {
  if (!config.OPENAI_API_KEY) return undefined;
  const usageFile = path.join(varDir, 'usage.jsonl');
  return createTokenBudget({
    dailyCap: config.DAILY_TOKEN_CAP,
    model: config.OPENAI_MODEL,
    log: createJsonlWriter<UsageRecord>(usageFile),
    previous: await readUsageLog(usageFile),
  });
}

/**
 * Embedding search over the stories when a key and an embedding model are configured; if the
 * embeddings can't be loaded the bot still runs, on BM25 alone.
 */
export async function loadSemanticFromConfig(
  config: Config,
  options: {
    readonly articles: readonly Article[];
    readonly logger: Logger;
    readonly cacheDir: string;
    /** The chat's concurrency cap and token budget, which query embeddings share. */
    readonly gate?: QueryGate;
    readonly onUsage?: (usage: Usage) => void;
  },
): Promise<SemanticSearch | undefined> {
  if (!config.OPENAI_API_KEY || !config.OPENAI_EMBEDDING_MODEL) return undefined;
  const { createOpenAiEmbedder } = await import('../llm/openai-embedder.js');
  const embedder = createOpenAiEmbedder({
    ...connectionOf(config, config.OPENAI_API_KEY),
    model: config.OPENAI_EMBEDDING_MODEL,
    logger: options.logger,
    ...(options.onUsage && { onUsage: options.onUsage }),
  });
  try {
    const cache = await loadEmbeddingCache({ dir: options.cacheDir, embedder, logger: options.logger });
    return await createSemanticSearch({
      articles: options.articles,
      cache,
      embedder,
      ...(options.gate && { gate: options.gate }),
    });
  } catch (error) {
    options.logger.warn({ err: error }, 'embeddings unavailable; using BM25 alone');
    return undefined;
  }
}
