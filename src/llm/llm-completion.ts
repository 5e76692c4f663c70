import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { Usage } from '../domain/types.js';
import type { LlmFailure } from './llm-errors.js';

/** A usable reply, or why the reply cannot be used. */
export type CompletionReading =
  | { readonly ok: true; readonly content: string; readonly usage: Usage; readonly truncated: boolean }
  | { readonly ok: false; readonly failure: LlmFailure };

/** The parts of one reply, whole or assembled from a stream. */
export interface ReplyParts {
  readonly content: string | null | undefined;
  readonly refusal: string | null | undefined;
  readonly finishReason: string | null | undefined;
  readonly usage: Usage;
  readonly requestId?: string;
}

/** Whether a reply cut off at the token cap is handed back (`truncated`) rather than failed. */
export interface ReadOptions {
  readonly acceptTruncated?: boolean;
}

/**
 * Checks a completion the server returned successfully: a refusal, a content filter stop,
 * a reply cut off at the token cap, or no text at all are failures even with status 200.
 */
export function readCompletion(
  completion: ChatCompletion & { _request_id?: string | null },
  options: ReadOptions = {},
): CompletionReading {
  const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
  const requestId = completion._request_id ?? undefined;
  if (!choice)
    return { ok: false, failure: { code: 'llm_empty', status: 200, requestId, detail: 'no choices' } };
  return readReply(
    {
      content: choice.message?.content,
      refusal: choice.message?.refusal,
      finishReason: choice.finish_reason,
      usage: usageOf(completion.usage),
      requestId,
    },
    options,
  );
}

/** {@link readCompletion} for a reply's parts (a streamed reply is checked the same way). */
export function readReply(parts: ReplyParts, options: ReadOptions = {}): CompletionReading {
  const fail = (code: LlmFailure['code'], detail: string): CompletionReading => ({
    ok: false,
    failure: { code, status: 200, requestId: parts.requestId, detail },
  });
  const { content, finishReason } = parts;
  if (parts.refusal) return fail('llm_refusal', 'the model refused');
  if (finishReason === 'content_filter') return fail('llm_filtered', 'finish_reason content_filter');
  const empty = typeof content !== 'string' || content.trim() === '';
  // Checked before emptiness: a reasoning model can spend the whole cap thinking and return nothing.
  if (finishReason === 'length' && (empty || !options.acceptTruncated))
    return fail('llm_truncated', 'finish_reason length');
  if (empty) return fail('llm_empty', 'empty content');
  return { ok: true, content, usage: parts.usage, truncated: finishReason === 'length' };
}

/** The usage block of a reply, as OpenAI sends it (other servers leave parts out). */
interface UsageBlock {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
}

/**
 * Token counts from a reply's usage block; 0 for whatever the server left out. Cached prompt
 * tokens are kept only when the server reports them (OpenAI does; many compatible servers don't).
 */
export function usageOf(usage: UsageBlock | null | undefined): Usage {
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  return {
    promptTokens: numberOr0(usage?.prompt_tokens),
    completionTokens: numberOr0(usage?.completion_tokens),
    ...(typeof cached === 'number' && Number.isFinite(cached) && { cachedTokens: cached }),
  };
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
