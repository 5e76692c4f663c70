import { OpenAI } from 'openai';
import { createRetryPolicyFetch } from './llm-fetch.js';

/** Connection settings shared by the chat client and the embedder. */
export interface OpenAiConnection {
  readonly apiKey: string;
  /** An OpenAI-compatible server, e.g. `http://127.0.0.1:11434/v1`; OpenAI itself when absent. */
  readonly baseURL?: string;
  /** Per HTTP request; the SDK's own default is 10 minutes. */
  readonly timeoutMs: number;
  /** Retries of 408/409/429/5xx and connection failures, with backoff and `retry-after` honoured. */
  readonly maxRetries: number;
  /** Replaces global fetch (tests, proxies). */
  readonly fetch?: typeof globalThis.fetch;
}

const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * Creates the SDK client. Every option the SDK would otherwise read from the environment is set
 * here, so configuration comes only from `load-config.ts`. The SDK's own console logging is off:
 * failures are logged by our clients, with context and without secrets.
 */
export function createOpenAiSdk(connection: OpenAiConnection): OpenAI {
  return new OpenAI({
    apiKey: connection.apiKey,
    baseURL: connection.baseURL ?? OPENAI_BASE_URL,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    timeout: connection.timeoutMs,
    maxRetries: connection.maxRetries,
    fetch: createRetryPolicyFetch({ maxRetryWaitMs: connection.timeoutMs, fetch: connection.fetch }),
    logLevel: 'off',
  });
}
