import { APIError } from 'openai';
import type { ChatResult, ChatStreamChunk } from '../domain/ports.js';
import type { Usage } from '../domain/types.js';
import { usageOf } from './llm-completion.js';
import { describeSdkError, errorText, type LlmFailure } from './llm-errors.js';
import type { ShapedSendDeps } from './shaped-send.js';

const STREAM_WORDS = /\bstream/i;
const REFUSAL_STATUSES = new Set([400, 404, 405, 422, 501]);
const USAGE_WORDS = /stream_options|include_usage/i;

/** What a stream delivered, assembled (as far as it got, when it was cut off or left early). */
export interface Relayed {
  content: string;
  refusal: string;
  finishReason: string | null;
  usage: Usage;
  /** Whether the server sent a usage block (servers without `include_usage` never do). */
  usageSent: boolean;
  timedOut: boolean;
  error?: unknown;
}

/** Nothing delivered yet. */
export const newRelayed = (): Relayed => ({
  content: '',
  refusal: '',
  finishReason: null,
  usage: usageOf(undefined),
  usageSent: false,
  timedOut: false,
});

/** The chunks of a chat completion stream, as much of them as is read. */
export type ChunkSource = AsyncIterable<{
  choices: { delta?: { content?: string | null; refusal?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}>;

/**
 * Yields each content delta as it comes, with an idle timer that is paused while the consumer works.
 * What arrived is assembled in `parts`, readable even when the consumer leaves early.
 */
export async function* relay(
  source: ChunkSource,
  abort: AbortController,
  timeoutMs: number,
  parts: Relayed = newRelayed(),
) {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => ((parts.timedOut = true), abort.abort()), timeoutMs);
  };
  arm();
  try {
    for await (const chunk of source) {
      if (chunk.usage) {
        parts.usage = usageOf(chunk.usage);
        parts.usageSent = true;
      }
      const choice = chunk.choices[0];
      parts.refusal += choice?.delta?.refusal ?? '';
      parts.finishReason = choice?.finish_reason ?? parts.finishReason;
      const text = choice?.delta?.content;
      if (text) {
        parts.content += text;
        clearTimeout(timer);
        yield { type: 'delta' as const, text };
      }
      arm();
    }
  } catch (error) {
    parts.error = error;
  } finally {
    clearTimeout(timer);
  }
  return parts;
}

/** A reply's last chunks: its text as one delta unless it was streamed already, then done. */
export function* chunksOf(
  result: Pick<ChatResult, 'content' | 'usage' | 'format' | 'formatIgnored' | 'truncated'>,
  streamed = false,
): Generator<ChatStreamChunk, void> {
  if (!streamed) yield { type: 'delta', text: result.content };
  yield {
    type: 'done',
    usage: result.usage,
    finishReason: result.truncated ? 'length' : 'stop',
    format: result.format,
    ...(result.formatIgnored && { formatIgnored: true }),
    streamed,
  };
}

/** Whether an error refuses streaming itself (`stream`) or only the usage option (`usage`). */
export function streamRefusal(error: unknown): 'stream' | 'usage' | undefined {
  const status: unknown = error instanceof APIError ? error.status : undefined;
  if (!(error instanceof APIError) || typeof status !== 'number' || !REFUSAL_STATUSES.has(status))
    return undefined;
  const text = `${errorText(error)} ${error.param ?? ''}`;
  if (USAGE_WORDS.test(text)) return 'usage';
  return STREAM_WORDS.test(text) ? 'stream' : undefined;
}

/** A failure while reading a stream: the SDK's errors as for `chat`; a dropped body is unreachable. */
export function describeStreamError(error: unknown, deps: ShapedSendDeps): LlmFailure {
  const context = deps.context(deps.state.shape, 1);
  return (
    describeSdkError(error, context) ?? {
      code: 'llm_unreachable',
      status: 200,
      detail: errorText(error).slice(0, 200),
      cause: error,
    }
  );
}
