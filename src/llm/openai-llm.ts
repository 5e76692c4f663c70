import type { Logger } from '../logging/logger.js';
import type { ChatRequest, ChatResult, LlmClient } from '../domain/ports.js';
import type { Usage } from '../domain/types.js';
import { readCompletion, usageOf } from './llm-completion.js';
import { logFailure, toUserFacingError, type LlmCallContext } from './llm-errors.js';
import { NO_SERVER_ERROR_RETRY_HEADER } from './llm-fetch.js';
import { buildChatBody, promptText, type ChatSettings } from './llm-request.js';
import { isOpenAiHost, type RequestShape } from './llm-request-shape.js';
import { createOpenAiSdk, type OpenAiConnection } from './openai-client.js';
import { createChatStreamer } from './openai-stream.js';
import { createSpendMeter, type CountTokens } from './spent-tokens.js';
import { createServerMemory, type ServerMemory } from './server-memory.js';
import { noteReplyFormat, sendShaped, type ShapedSendDeps } from './shaped-send.js';

export interface OpenAiLlmOptions extends OpenAiConnection {
  readonly model: string;
  readonly maxOutputTokens: number;
  readonly temperature: number;
  /** The text of prompts/json-format.md, sent when the server cannot enforce the schema itself. */
  readonly jsonFormatPrompt: string;
  readonly logger: Logger;
  /** Told the tokens of every reply the server sent, usable or not (for the daily token cap). */
  readonly onUsage?: (usage: Usage) => void;
  /** Counts the tokens of a reply the server sent no usage for (a stream cut off or cancelled); estimated without. */
  readonly countTokens?: CountTokens;
  /** What is learnt per server (base URL and model), shared with other clients; a new one by default. */
  readonly memory?: ServerMemory;
}

/**
 * Creates a chat model client over the OpenAI SDK (OpenAI or any compatible server via `baseURL`).
 * It asks for structured outputs (`json_schema`, strict) and steps down to JSON mode, then to the
 * prompt alone, when a server refuses (a 400, or a first 5xx to `json_schema`) or ignores the format
 * (answers prose); likewise it drops `temperature` or switches the token-cap field when refused.
 * What worked is remembered per server for later calls. `stream` streams the reply, falling back
 * to one whole reply on servers that cannot stream. Every failure is logged once and thrown as a
 * `UserFacingError` with an `llm_*` code.
 */
export function createOpenAiLlm(options: OpenAiLlmOptions): LlmClient {
  const sdk = createOpenAiSdk(options);
  const { model, logger } = options;
  const settings: ChatSettings = options;
  const state = (options.memory ?? createServerMemory()).stateOf(options.baseURL, model);
  const context = (shape: RequestShape, tries: number): LlmCallContext => ({
    endpoint: 'chat',
    model,
    maxRetries: options.maxRetries,
    format: shape.format,
    tries,
    secrets: [options.apiKey],
  });
  const deps: ShapedSendDeps = { state, logger, model, openAiHost: isOpenAiHost(options.baseURL), context };

  async function chat(request: ChatRequest): Promise<ChatResult> {
    const meter = createSpendMeter(
      { client: options.onUsage, request: request.onUsage },
      options.countTokens,
    );
    let sent: string | undefined;
    const {
      value: completion,
      shape,
      tries,
    } = await sendShaped(deps, async (tryShape, { noServerErrorRetry }) => {
      const body = buildChatBody(request, tryShape, settings);
      const reply = await sdk.chat.completions.create(body, {
        signal: request.signal,
        ...(noServerErrorRetry && { headers: { [NO_SERVER_ERROR_RETRY_HEADER]: '1' } }),
      });
      sent = promptText(body);
      return reply;
    }).catch((error: unknown) => {
      meter.count(undefined, '');
      throw error;
    });
    // Tokens are spent even when the reply turns out unusable (cut off, refused, empty).
    if (completion.usage) meter.told(usageOf(completion.usage));
    else meter.count(sent, completion.choices[0]?.message.content ?? '');
    const reading = readCompletion(completion, request);
    if (!reading.ok) {
      logFailure(logger, reading.failure, context(shape, tries));
      throw toUserFacingError(reading.failure);
    }
    const formatIgnored = noteReplyFormat(deps, shape, reading.content);
    return {
      content: reading.content,
      usage: reading.usage,
      format: shape.format,
      ...(formatIgnored && { formatIgnored }),
      ...(reading.truncated && { truncated: true }),
    };
  }

  const stream = createChatStreamer({ sdk, deps, settings, options, chat });
  return { model, chat, stream };
}
