import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  OpenAIError,
} from 'openai';
import { UserFacingError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { redactSecrets } from '../logging/redact.js';
import { ATTEMPT_HEADER, retryAfterMs } from './llm-fetch.js';
import { LLM_ERROR_MESSAGES, rateLimitMessage, type LlmErrorCode } from '../errors.js';

/** What is known about one failed model call: enough to log it and to tell the user. */
export interface LlmFailure {
  readonly code: LlmErrorCode;
  readonly status?: number;
  /** The server's own error code, e.g. `insufficient_quota`. */
  readonly apiCode?: string;
  readonly requestId?: string;
  readonly attempt?: number;
  readonly retryAfterMs?: number;
  /** The server's message or the network error, secrets removed and cut short; for the log only. */
  readonly detail?: string;
  readonly cause?: unknown;
}

/** Where a failure happened, for the log line. */
export interface LlmCallContext {
  readonly endpoint: 'chat' | 'embeddings';
  readonly model: string;
  readonly maxRetries: number;
  readonly format?: string;
  /** Requests sent for this call so far, counting retries with a changed request shape. */
  readonly tries?: number;
  /** Values that must never reach the log (the API key). */
  readonly secrets: readonly string[];
}

const OPERATOR_CODES = new Set<LlmErrorCode>([
  'llm_auth',
  'llm_quota',
  'llm_model',
  'llm_bad_request',
  'llm_error',
]);
const DETAIL_MAX = 200;

/**
 * Describes an SDK error (or an unparseable reply body) as an {@link LlmFailure};
 * `undefined` for anything else (a bug).
 */
export function describeSdkError(error: unknown, context: LlmCallContext): LlmFailure | undefined {
  // A 200 whose JSON body was cut off (a proxy or the server dropped the connection mid-body):
  // the SDK's JSON.parse throws a plain SyntaxError, which is the server's fault, not a bug here.
  if (error instanceof SyntaxError)
    return { code: 'llm_malformed', detail: cleanDetail(error.message, context.secrets), cause: error };
  if (!(error instanceof OpenAIError)) return undefined;
  const detail = cleanDetail(errorText(error), context.secrets);
  if (error instanceof APIUserAbortError) return { code: 'llm_cancelled', detail, cause: error };
  const exhausted = context.maxRetries + 1;
  if (error instanceof APIConnectionTimeoutError)
    return { code: 'llm_timeout', attempt: exhausted, detail, cause: error };
  if (error instanceof APIConnectionError)
    return { code: 'llm_unreachable', attempt: exhausted, detail, cause: error };
  if (!isApiError(error)) return { code: 'llm_error', detail, cause: error };
  return describeApiError(error, detail);
}

/** `instanceof APIError` narrows to `APIError<any, any, any>`; this guard keeps the declared defaults. */
function isApiError(error: unknown): error is APIError {
  return error instanceof APIError;
}

/** An HTTP error reply. */
function describeApiError(error: APIError, detail: string): LlmFailure {
  const { status, headers } = error;
  if (status === undefined) return { code: 'llm_error', detail, cause: error };
  return {
    code: codeForStatus(status, error.code ?? error.type ?? undefined, detail),
    status,
    apiCode: error.code ?? error.type ?? undefined,
    requestId: error.requestID ?? undefined,
    attempt: Number(headers?.get(ATTEMPT_HEADER) ?? 1),
    retryAfterMs: retryAfterMs(headers),
    detail,
    cause: error,
  };
}

function codeForStatus(status: number, apiCode: string | undefined, detail: string): LlmErrorCode {
  if (status === 401 || status === 403) return 'llm_auth';
  // 501: a server that does not offer the endpoint at all (llama.cpp's server without --embeddings).
  if (status === 404 || status === 501) return 'llm_model';
  if (status === 408) return 'llm_timeout';
  if (status === 429) return apiCode === 'insufficient_quota' ? 'llm_quota' : 'llm_rate_limited';
  if (status >= 500 || status === 409) return 'llm_unavailable';
  if (apiCode === 'content_filter' || apiCode === 'content_policy_violation') return 'llm_filtered';
  if (
    apiCode === 'context_length_exceeded' ||
    /maximum context length|context window|too many tokens/i.test(detail)
  ) {
    return 'llm_too_long';
  }
  return 'llm_bad_request';
}

/** The user-facing error for a failure. */
export function toUserFacingError(failure: LlmFailure): UserFacingError {
  const message =
    failure.code === 'llm_rate_limited'
      ? rateLimitMessage(failure.retryAfterMs)
      : LLM_ERROR_MESSAGES[failure.code];
  return new UserFacingError(message, failure.code, { cause: failure.cause });
}

/** Logs a failure once: error level when the operator must act, warn for passing trouble. */
export function logFailure(logger: Logger, failure: LlmFailure, context: LlmCallContext): void {
  const { cause: _cause, ...facts } = failure;
  const { endpoint, model, format, tries } = context;
  const fields = { event: 'llm_failed', endpoint, model, format, tries, ...facts };
  if (failure.code === 'llm_cancelled') logger.debug(fields, 'model call cancelled');
  else if (OPERATOR_CODES.has(failure.code)) logger.error(fields, 'model call failed');
  else logger.warn(fields, 'model call failed');
}

/** The server's message (or the network error under it), for matching and logging. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const root = cause?.cause instanceof Error ? cause.cause : cause;
  const rootCode = root && 'code' in root && typeof root.code === 'string' ? ` (${root.code})` : '';
  return root ? `${error.message}: ${root.message}${rootCode}` : error.message;
}

function cleanDetail(text: string, secrets: readonly string[]): string {
  const clean = redactSecrets(text, secrets);
  return clean.length > DETAIL_MAX ? `${clean.slice(0, DETAIL_MAX)}…` : clean;
}
