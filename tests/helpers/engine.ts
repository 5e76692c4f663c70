import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/articles/types.js';
import type { Prompts } from '../../src/answering/prompt/prompts.js';
import type { TokenBudget } from '../../src/answering/token-budget.js';
import { loadConfig, type Config } from '../../src/config/load-config.js';
import type { Answerer } from '../../src/domain/types.js';
import { createEngine } from '../../src/engine/create-engine.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';
import type { SemanticSearch } from '../../src/retrieval/semantic-search.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DATA_DIR = path.join(ROOT, 'data');
export const TEST_KEY = 'sk-test-engine-0000000000000000';

export interface TestEngineOptions {
  /** A fake OpenAI server's base URL; without it the engine is extractive. */
  readonly baseURL?: string;
  /** OPENAI_DOWN_RETRY_SECONDS (default 0 here: no circuit breaker between tests). */
  readonly downRetrySeconds?: number;
  readonly articles?: readonly Article[];
  readonly semantic?: SemanticSearch;
  readonly logger?: Logger;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly maxConcurrent?: number;
  readonly budget?: TokenBudget;
  /** STORYBOT_CONTEXT_BUDGET: stories up to this many tokens go whole into the prompt (default from config). */
  readonly contextBudget?: number;
  /** Replaces the model client's fetch (fault injection: refused connections). */
  readonly fetch?: typeof globalThis.fetch;
  /** GROUNDING_CHECK=model: a second opinion on claims from the same fake server. */
  readonly groundingCheck?: boolean;
}

export interface TestEngine {
  readonly answerer: Answerer;
  readonly articles: readonly Article[];
  readonly prompts: Prompts;
}

/** The configuration a test engine runs with: the defaults, a key only with a fake server, no embeddings. */
export function testConfig(options: TestEngineOptions = {}): Config {
  const config = loadConfig({
    ...(options.baseURL && { OPENAI_API_KEY: TEST_KEY, OPENAI_BASE_URL: options.baseURL }),
    OPENAI_EMBEDDING_MODEL: 'off',
    OPENAI_MAX_RETRIES: String(options.maxRetries ?? 0),
    MAX_CONCURRENT_LLM_CALLS: String(options.maxConcurrent ?? 4),
    ...(options.contextBudget !== undefined && { STORYBOT_CONTEXT_BUDGET: String(options.contextBudget) }),
    // The model check is the default with a key; tests of other features ask for it explicitly.
    GROUNDING_CHECK: options.groundingCheck ? 'model' : 'code',
    // Each test's model faults are its own: no outage carried into the next test by the circuit breaker
    // (tests/calm-console.test.ts tests the breaker itself).
    OPENAI_DOWN_RETRY_SECONDS: String(options.downRetrySeconds ?? 0),
  });
  // Timeouts below the configurable minimum keep fault tests short.
  return { ...config, OPENAI_TIMEOUT_MS: options.timeoutMs ?? 2_000 };
}

/** Builds the real engine with src's createEngine, against data/ and an optional fake model server. */
export async function createTestEngine(options: TestEngineOptions = {}): Promise<TestEngine> {
  const engine = await createEngine(testConfig(options), {
    root: ROOT,
    logger: options.logger ?? createLogger({ level: 'silent' }),
    ...(options.articles && { articles: options.articles }),
    ...(options.semantic && { semantic: options.semantic }),
    loadBudget: () => Promise.resolve(options.budget),
    ...(options.fetch && { fetch: options.fetch }),
  });
  return engine;
}
