import { createHash } from 'node:crypto';
import type { RouteResult } from './routes.js';

/** A failure to inject into the next matching request(s). */
export interface FaultSpec {
  /** HTTP method, any case; any method when omitted. */
  method?: string;
  /** A RegExp tested on the path (relative to /api/v10), or a string equal to the path or its spec template
   *  (e.g. `/channels/{channel_id}/messages`); any route when omitted. */
  route?: RegExp | string;
  status: 429 | 500 | 502 | 503;
  /** How many requests to fail (default 1). */
  times?: number;
  /** 429 only: seconds to wait, as in Discord's `retry_after` (default 0.1). */
  retryAfter?: number;
  /** 429 only: a global rate limit (adds `x-ratelimit-global`). */
  global?: boolean;
  /** 429 only: a Discord error code in the body (e.g. 20028 for channel write limits). */
  code?: number;
}

/** The injected-fault queue. */
export interface Faults {
  add(spec: FaultSpec): void;
  /** Consumes and renders the first fault matching the request, if any. */
  take(method: string, path: string, template: string | undefined): RouteResult | undefined;
}

function matches(spec: FaultSpec, method: string, path: string, template: string | undefined): boolean {
  if (spec.method && spec.method.toUpperCase() !== method) return false;
  if (spec.route === undefined) return true;
  if (spec.route instanceof RegExp) return spec.route.test(path);
  return spec.route === path || spec.route === template;
}

function render(spec: FaultSpec, template: string): RouteResult {
  if (spec.status !== 429) {
    if (spec.status === 500) return { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
    const text = spec.status === 502 ? 'Bad Gateway' : 'Service Unavailable';
    return {
      status: spec.status,
      body: `<html><body><h1>${spec.status} ${text}</h1></body></html>`,
      headers: { 'content-type': 'text/html' },
    };
  }
  const retryAfter = spec.retryAfter ?? 0.1;
  const bucket = createHash('md5').update(template).digest('hex');
  const headers: Record<string, string> = {
    'retry-after': String(retryAfter),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String((Date.now() + retryAfter * 1000) / 1000),
    'x-ratelimit-reset-after': String(retryAfter),
    'x-ratelimit-bucket': bucket,
    'x-ratelimit-scope': spec.global ? 'global' : 'user',
    ...(spec.global ? { 'x-ratelimit-global': 'true' } : {}),
  };
  const body = {
    message: 'You are being rate limited.',
    retry_after: retryAfter,
    global: spec.global === true,
    ...(spec.code !== undefined ? { code: spec.code } : {}),
  };
  return { status: 429, body, headers };
}

/** Creates an empty fault queue. */
export function createFaults(): Faults {
  const queue: { spec: FaultSpec; remaining: number }[] = [];
  return {
    add(spec) {
      queue.push({ spec, remaining: spec.times ?? 1 });
    },
    take(method, path, template) {
      const entry = queue.find((e) => matches(e.spec, method, path, template));
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) queue.splice(queue.indexOf(entry), 1);
      return render(entry.spec, template ?? path);
    },
  };
}
