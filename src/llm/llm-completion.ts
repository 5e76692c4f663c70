import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { Usage } from '../domain/types.js';
import type { LlmFailure } from './llm-errors.js';

/** A usable reply, or why the reply cannot be used. */
export type CompletionReading =
  | { readonly ok: true; readonly content: string; readonly usage: Usage }
  | { readonly ok: false; readonly failure: LlmFailure };

/**
 * Checks a completion the server returned successfully: a refusal, a content filter stop,
 * a reply cut off at the token cap, or no text at all are failures even with status 200.
 */
export function readCompletion(
  completion: ChatCompletion & { _request_id?: string | null },
): CompletionReading {
  const requestId = completion._request_id ?? undefined;
  const fail = (code: LlmFailure['code'], detail: string): CompletionReading => ({
    ok: false,
    failure: { code, status: 200, requestId, detail },
  });
  const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
  if (!choice) return fail('llm_empty', 'no choices in the reply');
  if (choice.message?.refusal) return fail('llm_refusal', 'the model refused');
  if (choice.finish_reason === 'content_filter') return fail('llm_filtered', 'finish_reason content_filter');
  // Checked before emptiness: a reasoning model can spend the whole cap thinking and return nothing.
  if (choice.finish_reason === 'length') return fail('llm_truncated', 'finish_reason length');
  const content = choice.message?.content;
  if (typeof content !== 'string' || content.trim() === '') return fail('llm_empty', 'empty content');
  return { ok: true, content, usage: usageOf(completion.usage) };
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
