import type { Logger } from '../logging/logger.js';
import type { Embedder } from '../domain/ports.js';
import type { Usage } from '../domain/types.js';
import { describeSdkError, logFailure, toUserFacingError, type LlmCallContext } from './llm-errors.js';
import { createOpenAiSdk, type OpenAiConnection } from './openai-client.js';

export interface OpenAiEmbedderOptions extends OpenAiConnection {
  readonly model: string;
  readonly logger: Logger;
  /** Texts per request; OpenAI accepts up to 2048, smaller batches keep each request quick. */
  readonly batchSize?: number;
  /** Told the tokens of every request, so embeddings count against the daily token cap. */
  readonly onUsage?: (usage: Usage) => void;
}

/**
 * Creates an embedder over the OpenAI embeddings endpoint (or a compatible server). Texts are sent
 * in batches, one batch at a time, and the vectors come back in input order. Failures are logged
 * once and thrown as `UserFacingError`s with the same `llm_*` codes as chat.
 */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const sdk = createOpenAiSdk(options);
  const { model, logger } = options;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 96));
  const context: LlmCallContext = {
    endpoint: 'embeddings',
    model,
    maxRetries: options.maxRetries,
    secrets: [options.apiKey],
  };

  async function embedBatch(texts: readonly string[]): Promise<number[][]> {
    let response;
    try {
      response = await sdk.embeddings.create({
        model,
        // OpenAI rejects empty strings; a space embeds as "nothing" all the same.
        input: texts.map((text) => (text === '' ? ' ' : text)),
        // Explicit, or the SDK asks for base64, which many compatible servers do not speak.
        encoding_format: 'float',
      });
    } catch (error) {
      const failure = describeSdkError(error, context);
      if (!failure) throw error;
      logFailure(logger, failure, context);
      throw toUserFacingError(failure);
    }
    options.onUsage?.({ promptTokens: response.usage?.prompt_tokens ?? 0, completionTokens: 0 });
    const data = Array.isArray(response.data) ? [...response.data].sort((a, b) => a.index - b.index) : [];
    if (data.length !== texts.length || data.some((item) => !Array.isArray(item.embedding))) {
      const failure = {
        code: 'llm_error' as const,
        status: 200,
        requestId: response._request_id ?? undefined,
        detail: `expected ${texts.length} embeddings, got ${data.length}`,
      };
      logFailure(logger, failure, context);
      throw toUserFacingError(failure);
    }
    return data.map((item) => item.embedding);
  }

  async function embed(texts: readonly string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      vectors.push(...(await embedBatch(texts.slice(start, start + batchSize))));
    }
    return vectors;
  }

  return { model, embed };
}
