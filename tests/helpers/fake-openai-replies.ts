import { randomBytes } from 'node:crypto';
import { fakeEmbedding, fakeEmbeddingWords } from './fake-embeddings.js';
import { fakeErrors, type FakeFailure } from './fake-openai-errors.js';

/** A Chat Completions request body as the fake received it. */
export interface FakeChatBody {
  readonly model: string;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly response_format?: {
    readonly type: string;
    readonly json_schema?: { readonly name: string; readonly schema?: unknown; readonly strict?: boolean };
  };
  readonly temperature?: number;
  readonly max_tokens?: number;
  readonly max_completion_tokens?: number;
  readonly [key: string]: unknown;
}

/** A successful chat reply to script. `content: null` with `refusal` set is how OpenAI refuses. */
export interface FakeChatSuccess {
  readonly content: string | null;
  readonly finishReason?: 'stop' | 'length' | 'content_filter' | 'tool_calls';
  readonly refusal?: string;
  /** `null` leaves the usage block out, as some servers do. */
  readonly usage?: {
    readonly prompt_tokens: number;
    readonly completion_tokens: number;
    readonly cached_tokens?: number;
  } | null;
}

/** What the server refuses before any scripted reply, like the real servers it imitates. */
export interface FakeServerRules {
  readonly jsonSchemaSupported?: boolean;
  readonly jsonObjectSupported?: boolean;
  readonly temperatureSupported?: boolean;
  /** Token-cap fields the server accepts; both by default. */
  readonly tokenFields?: readonly ('max_tokens' | 'max_completion_tokens')[];
  readonly knownModels?: readonly string[];
  /** Answers 500 to `json_schema`, as older llama.cpp servers do. */
  readonly jsonSchemaServerError?: boolean;
  /** Answers 400 to `stream: true`. */
  readonly streamRejected?: boolean;
  /** Answers 400 to `stream_options`, as some compatible servers do. */
  readonly streamOptionsRejected?: boolean;
}

/** The first rule a chat body breaks, as the error the server answers with. */
export function ruleBroken(body: FakeChatBody, rules: FakeServerRules): FakeFailure | undefined {
  if (rules.knownModels && !rules.knownModels.includes(body.model))
    return fakeErrors.modelNotFound(body.model);
  const format = body.response_format?.type;
  if (format === 'json_schema' && rules.jsonSchemaServerError) return fakeErrors.schemaGrammarFailed();
  if (body.stream === true && rules.streamRejected) return fakeErrors.streamUnsupported();
  if (body.stream_options !== undefined && rules.streamOptionsRejected)
    return fakeErrors.unrecognizedArgument('stream_options');
  if (format === 'json_schema' && rules.jsonSchemaSupported === false)
    return fakeErrors.responseFormatUnsupported(format);
  if (format === 'json_object' && rules.jsonObjectSupported === false)
    return fakeErrors.responseFormatUnsupported(format);
  if (body.temperature !== undefined && rules.temperatureSupported === false && body.temperature !== 1) {
    return fakeErrors.temperatureUnsupported(body.temperature);
  }
  const accepted = rules.tokenFields ?? ['max_tokens', 'max_completion_tokens'];
  for (const field of ['max_tokens', 'max_completion_tokens'] as const) {
    const other = field === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
    if (body[field] !== undefined && !accepted.includes(field))
      return fakeErrors.unsupportedParameter(field, other);
  }
  return undefined;
}

export function requestId(): string {
  return `req_${randomBytes(16).toString('hex')}`;
}

function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** A `chat.completion` object shaped exactly like OpenAI's. */
export function chatCompletion(body: FakeChatBody, reply: FakeChatSuccess): Record<string, unknown> {
  const prompt = countTokens(body.messages.map((message) => message.content).join(' '));
  const completion = countTokens(reply.content ?? reply.refusal ?? '');
  const usage =
    reply.usage === undefined ? { prompt_tokens: prompt, completion_tokens: completion } : reply.usage;
  return {
    id: `chatcmpl-${randomBytes(12).toString('base64url')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content,
          refusal: reply.refusal ?? null,
          annotations: [],
        },
        logprobs: null,
        finish_reason: reply.finishReason ?? 'stop',
      },
    ],
    ...(usage === null
      ? {}
      : {
          usage: {
            prompt_tokens: usage.prompt_tokens,
            completion_tokens: usage.completion_tokens,
            total_tokens: usage.prompt_tokens + usage.completion_tokens,
            prompt_tokens_details: { cached_tokens: usage.cached_tokens ?? 0, audio_tokens: 0 },
            completion_tokens_details: {
              reasoning_tokens: 0,
              audio_tokens: 0,
              accepted_prediction_tokens: 0,
              rejected_prediction_tokens: 0,
            },
          },
        }),
    service_tier: 'default',
    system_fingerprint: 'fp_fake0001',
  };
}

/** An embeddings `list` object shaped like OpenAI's, floats or base64 as asked. */
export function embeddingList(
  inputs: readonly string[],
  model: string,
  options: { dimensions: number; base64: boolean; reversed: boolean },
): Record<string, unknown> {
  const data = inputs.map((input, index) => {
    const vector = fakeEmbedding(input, options.dimensions);
    const embedding = options.base64
      ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
      : vector;
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.reduce((sum, input) => sum + fakeEmbeddingWords(input).length, 0);
  return {
    object: 'list',
    data: options.reversed ? data.reverse() : data,
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
