import type { ChatRequest, ChatStreamChunk, LlmClient } from '../domain/ports.js';
import { SERVER_DOWN_CODES, UserFacingError } from '../errors.js';
import type { Logger } from '../logging/logger.js';

/** Options for {@link createCircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** How long answers skip the model after it was found down, before one question tries it again. */
  readonly cooldownMs?: number;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** The code a call refused by an open breaker carries: answers are extractive, like a paused budget. */
export const CIRCUIT_OPEN = 'llm_paused';

/**
 * Wraps a chat model so a server that is down is found out once, not on every question: after a
 * failure that says the server is down (unreachable, timeout, 5xx), calls fail at once for
 * `cooldownMs` with a `llm_paused` error carrying the same message, so the answerer answers
 * extractively without waiting through retries. After the cooldown one call goes through; a
 * success closes the breaker, another failure opens it again. Used by every front end.
 */
export function createCircuitBreaker(llm: LlmClient, options: CircuitBreakerOptions): LlmClient {
  const { cooldownMs = 30_000, logger, now = () => Date.now() } = options;
  let openUntil = 0;
  let reason = '';
  let probing = false;

  const admit = () => {
    if (now() >= openUntil && !probing) {
      if (openUntil > 0) probing = true;
      return;
    }
    throw new UserFacingError(reason, CIRCUIT_OPEN);
  };
  const succeeded = () => {
    if (openUntil > 0) logger.warn('the model server answers again; the circuit breaker is closed');
    openUntil = 0;
    probing = false;
  };
  const failed = (error: unknown) => {
    probing = false;
    if (!(error instanceof UserFacingError) || !SERVER_DOWN_CODES.has(error.code)) return;
    reason = error.message;
    openUntil = now() + cooldownMs;
    logger.warn(
      { code: error.code, retryInMs: cooldownMs },
      'model server down; answering extractively for now',
    );
  };

  const breaker: LlmClient = {
    model: llm.model,
    async chat(request: ChatRequest) {
      admit();
      try {
        const result = await llm.chat(request);
        succeeded();
        return result;
      } catch (error) {
        failed(error);
        throw error;
      }
    },
  };
  const stream = llm.stream?.bind(llm);
  if (!stream) return breaker;
  return {
    ...breaker,
    async *stream(request: ChatRequest): AsyncIterable<ChatStreamChunk> {
      admit();
      try {
        for await (const chunk of stream(request)) {
          if (chunk.type === 'done') succeeded();
          yield chunk;
        }
      } catch (error) {
        failed(error);
        throw error;
      } finally {
        probing = false;
      }
    },
  };
}
