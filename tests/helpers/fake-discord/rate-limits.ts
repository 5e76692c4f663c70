import { createHash } from 'node:crypto';
import type { RouteResult } from './routes.js';

/** A per-route limit: at most `limit` requests per `windowMs` in one bucket. */
export interface EditLimit {
  limit: number;
  windowMs: number;
}

/** A request the limiter refused with 429. */
export interface RateLimitedRecord {
  method: string;
  path: string;
  bucket: string;
  retryAfter: number;
  at: number;
}

/** Message edits, the routes a streaming bot hammers: Discord buckets them per channel, and per webhook token. */
const LIMITED: { method: string; template: RegExp; major: (params: Record<string, string>) => string }[] = [
  {
    method: 'PATCH',
    template: /^\/channels\/\{channel_id\}\/messages\/\{message_id\}$/,
    major: (p) => `channel:${p.channel_id ?? ''}`,
  },
  {
    method: 'PATCH',
    template: /^\/webhooks\/\{webhook_id\}\/\{webhook_token\}\/messages\//,
    major: (p) => `webhook:${p.webhook_id ?? ''}:${p.webhook_token ?? ''}`,
  },
];

export interface RateLimiter {
  /**
   * Counts a request against its bucket. Returns the headers Discord sends (limit, remaining,
   * reset, bucket), or a 429 result once the bucket is spent, as Discord does.
   */
  take(
    method: string,
    template: string,
    params: Record<string, string>,
    at: number,
  ): { headers: Record<string, string> } | { refused: RouteResult; bucket: string } | undefined;
}

/** A sliding-window limiter over the edit routes (Discord's real edit limit is about 5 per 5 s per channel). */
export function createRateLimiter(limit: EditLimit): RateLimiter {
  const hits = new Map<string, number[]>();
  return {
    take(method, template, params, at) {
      const rule = LIMITED.find((r) => r.method === method && r.template.test(template));
      if (!rule) return undefined;
      const major = rule.major(params);
      const bucket = createHash('md5').update(`${method} ${template}`).digest('hex');
      const recent = (hits.get(major) ?? []).filter((t) => at - t < limit.windowMs);
      const resetAt = (recent[0] ?? at) + limit.windowMs;
      const resetAfter = Math.max(0, resetAt - at) / 1000;
      const common = {
        'x-ratelimit-limit': String(limit.limit),
        'x-ratelimit-reset': String(resetAt / 1000),
        'x-ratelimit-reset-after': resetAfter.toFixed(3),
        'x-ratelimit-bucket': bucket,
      };
      if (recent.length >= limit.limit) {
        hits.set(major, recent);
        const headers = {
          ...common,
          'x-ratelimit-remaining': '0',
          'retry-after': String(Math.ceil(resetAfter)),
          'x-ratelimit-scope': 'user',
        };
        const body = { message: 'You are being rate limited.', retry_after: resetAfter, global: false };
        return { refused: { status: 429, body, headers }, bucket };
      }
      recent.push(at);
      hits.set(major, recent);
      return { headers: { ...common, 'x-ratelimit-remaining': String(limit.limit - recent.length) } };
    },
  };
}
