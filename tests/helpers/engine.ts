import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArticles } from '../../src/articles/load-articles.js';
import type { Article } from '../../src/articles/types.js';
import { createAnswerer } from '../../src/answering/answerer.js';
import { createConcurrencyLimiter } from '../../src/answering/limit-concurrency.js';
import { loadPrompts, type Prompts } from '../../src/answering/prompts.js';
import type { TokenBudget } from '../../src/answering/token-budget.js';
import type { Answerer } from '../../src/answering/types.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';
import { createOpenAiLlm } from '../../src/llm/openai-llm.js';
import { createRetriever } from '../../src/retrieval/retriever.js';
import type { SemanticSearch } from '../../src/retrieval/semantic-search.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DATA_DIR = path.join(ROOT, 'data');
export const TEST_KEY = 'sk-test-engine-0000000000000000';

export interface TestEngineOptions {
  /** A fake OpenAI server's base URL; without it the engine is extractive. */
  readonly baseURL?: string;
  readonly articles?: readonly Article[];
  readonly semantic?: SemanticSearch;
  readonly logger?: Logger;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly maxConcurrent?: number;
  readonly budget?: TokenBudget;
  /** Replaces the model client's fetch (fault injection: refused connections). */
  readonly fetch?: typeof globalThis.fetch;
}

export interface TestEngine {
  readonly answerer: Answerer;
  readonly articles: readonly Article[];
  readonly prompts: Prompts;
}

/** Wires the real engine as src/index.ts does, against data/ and an optional fake model server. */
export async function createTestEngine(options: TestEngineOptions = {}): Promise<TestEngine> {
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const { budget } = options;
  const articles = options.articles ?? (await loadArticles(DATA_DIR)).articles;
  const prompts = await loadPrompts(path.join(ROOT, 'prompts'));
  const llm = options.baseURL
    ? createOpenAiLlm({
        apiKey: TEST_KEY,
        baseURL: options.baseURL,
        model: 'gpt-4.1-mini',
        timeoutMs: options.timeoutMs ?? 2_000,
        maxRetries: options.maxRetries ?? 0,
        ...(options.fetch && { fetch: options.fetch }),
        maxOutputTokens: 800,
        temperature: 0,
        jsonFormatPrompt: prompts.jsonFormat,
        logger,
        ...(budget && { onUsage: (usage) => budget.record(usage) }),
      })
    : undefined;
  const retriever = createRetriever({ articles, ...(options.semantic && { semantic: options.semantic }) });
  const limiter = createConcurrencyLimiter({ maxConcurrent: options.maxConcurrent ?? 4, maxQueued: 100 });
  const answerer = createAnswerer({
    retriever,
    prompts,
    logger,
    limiter,
    ...(llm && { llm }),
    ...(budget && { budget }),
  });
  return { answerer, articles, prompts };
}
