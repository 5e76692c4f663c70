/** Response header the wrapped fetch adds to error responses: which try (1-based) produced it. */
export const ATTEMPT_HEADER = 'x-storybot-attempt';
/** Request header (removed before sending) asking the wrapped fetch not to let the SDK retry a 5xx. */
export const NO_SERVER_ERROR_RETRY_HEADER = 'x-storybot-no-5xx-retry';

export interface RetryPolicyFetchOptions {
  /** A server asking us to wait longer than this before retrying is not retried: the user hears "try later". */
  readonly maxRetryWaitMs: number;
  readonly fetch?: typeof globalThis.fetch;
}

/**
 * Wraps `fetch` for the OpenAI SDK so its built-in retries make sense for a chat bot:
 * - a 429 for `insufficient_quota` is not retried (waiting never refills a quota);
 * - a `retry-after` longer than `maxRetryWaitMs` is not waited out (the SDK would sleep it in full);
 * - error responses carry {@link ATTEMPT_HEADER} so failures can be logged with their attempt number;
 * - a 5xx is not retried for a request marked with {@link NO_SERVER_ERROR_RETRY_HEADER} (the caller
 *   tries a simpler request instead);
 * - error bodies in other servers' shapes (`{message}` at the top, FastAPI's `{detail}`) are rewrapped as
 *   OpenAI's `{error: {message}}`, or the SDK would drop their message.
 * It does so by setting `x-should-retry`, a header the SDK obeys.
 */
export function createRetryPolicyFetch({
  maxRetryWaitMs,
  fetch = globalThis.fetch,
}: RetryPolicyFetchOptions): typeof globalThis.fetch {
  return async (input, init) => {
    const requestHeaders = new Headers(init?.headers);
    const noServerErrorRetry = requestHeaders.has(NO_SERVER_ERROR_RETRY_HEADER);
    requestHeaders.delete(NO_SERVER_ERROR_RETRY_HEADER);
    const response = await fetch(input, { ...init, headers: requestHeaders });
    if (response.ok) return response;
    const retryCount = Number(requestHeaders.get('x-stainless-retry-count') ?? 0);
    const body = normaliseErrorBody(await response.text());
    const headers = new Headers(response.headers);
    headers.delete('content-encoding');
    headers.delete('content-length');
    headers.set(ATTEMPT_HEADER, String((Number.isFinite(retryCount) ? retryCount : 0) + 1));
    if (response.status === 429 && isQuotaBody(body)) headers.set('x-should-retry', 'false');
    if (response.status >= 500 && noServerErrorRetry) headers.set('x-should-retry', 'false');
    const wait = retryAfterMs(response.headers);
    if (wait !== undefined && wait > maxRetryWaitMs) headers.set('x-should-retry', 'false');
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** How long the server asked us to wait, from `retry-after-ms` or `retry-after` (seconds or a date). */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return millis;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function normaliseErrorBody(body: string): string {
  const parsed = parseJson(body);
  if (!isRecord(parsed) || 'error' in parsed) return body;
  const message = parsed.message ?? parsed.detail;
  if (message === undefined) return body;
  const text = typeof message === 'string' ? message : JSON.stringify(message);
  const code = typeof parsed.code === 'string' ? parsed.code : null;
  const type = typeof parsed.type === 'string' ? parsed.type : undefined;
  return JSON.stringify({ error: { message: text, type, param: parsed.param ?? null, code } });
}

function isQuotaBody(body: string): boolean {
  const parsed = parseJson(body);
  const error = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : undefined;
  return error?.code === 'insufficient_quota' || error?.type === 'insufficient_quota';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
