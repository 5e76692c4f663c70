import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { Logger } from '../logging/logger.js';
import type { ChatRequest, ChatResult, LlmClient } from '../domain/ports.js';
import type { Usage } from '../domain/types.js';
import { readCompletion, usageOf } from './llm-completion.js';
import { describeSdkError, logFailure, toUserFacingError, type LlmCallContext } from './llm-errors.js';
import { buildChatBody, type ChatSettings } from './llm-request.js';
import { applyChange, changeFor, initialShape, type RequestShape } from './llm-request-shape.js';
import { createOpenAiSdk, type OpenAiConnection } from './openai-client.js';

export interface OpenAiLlmOptions extends OpenAiConnection {
  readonly model: string;
  readonly maxOutputTokens: number;
  readonly temperature: number;
  /** The text of prompts/json-format.md, sent when the server cannot enforce the schema itself. */
  readonly jsonFormatPrompt: string;
  readonly logger: Logger;
  /** Told the tokens of every reply the server sent, usable or not (for the daily token cap). */
  readonly onUsage?: (usage: Usage) => void;
}

// Each refusal removes one optional part (format step, temperature, token field), so a few tries suffice.
const MAX_SHAPE_TRIES = 5;

/**
 * Creates a chat model client over the OpenAI SDK (OpenAI or any compatible server via `baseURL`).
 * It asks for structured outputs (`json_schema`, strict) and steps down to JSON mode, then to the
 * prompt alone, when a server refuses; likewise it drops `temperature` or switches the token-cap
 * field when refused. What worked is remembered for later calls. Every failure is logged once and
 * thrown as a `UserFacingError` with an `llm_*` code.
 */
export function createOpenAiLlm(options: OpenAiLlmOptions): LlmClient {
  const sdk = createOpenAiSdk(options);
  const { model, logger } = options;
  const settings: ChatSettings = options;
  let learnt: RequestShape = initialShape(model, options.baseURL);
  const context = (shape: RequestShape, tries: number): LlmCallContext => ({
    endpoint: 'chat',
    model,
    maxRetries: options.maxRetries,
    format: shape.format,
    tries,
    secrets: [options.apiKey],
  });

  async function chat(request: ChatRequest): Promise<ChatResult> {
    let shape = learnt;
    for (let tries = 1; ; tries += 1) {
      let completion: ChatCompletion;
      try {
        completion = await sdk.chat.completions.create(buildChatBody(request, shape, settings), {
          signal: request.signal,
        });
      } catch (error) {
        const change = tries < MAX_SHAPE_TRIES ? changeFor(shape, error) : undefined;
        const failure = describeSdkError(error, context(shape, tries));
        if (change) {
          logger.warn(
            { event: 'llm_adapt', model, change, status: failure?.status, detail: failure?.detail },
            'model server refused an optional request part; retrying without it',
          );
          shape = applyChange(shape, change);
          learnt = applyChange(learnt, change);
          continue;
        }
        if (!failure) throw error;
        logFailure(logger, failure, context(shape, tries));
        throw toUserFacingError(failure);
      }
      // Tokens are spent even when the reply turns out unusable (cut off, refused, empty).
      options.onUsage?.(usageOf(completion.usage));
      const reading = readCompletion(completion);
      if (!reading.ok) {
        logFailure(logger, reading.failure, context(shape, tries));
        throw toUserFacingError(reading.failure);
      }
      return { content: reading.content, usage: reading.usage, format: shape.format };
    }
  }

  return { model, chat };
}
