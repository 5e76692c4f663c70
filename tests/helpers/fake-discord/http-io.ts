import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error.js';
import type { RouteResult } from './routes.js';

/** Reads the whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A file part of a multipart upload (`files[n]`). */
export interface UploadedFile {
  field: string;
  name: string;
  size: number;
  contentType: string;
}

/** The parsed body: JSON, or `payload_json` plus the uploaded files for multipart requests. */
export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
}

const invalidJson = (): ApiError =>
  new ApiError(400, 50109, 'The request body contains invalid JSON.', 'schema');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidJson();
  }
}

/** Parses the body as Discord does for application/json and multipart/form-data. */
export async function parseBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = contentType ?? '';
  if (type.startsWith('application/json')) return { body: parseJson(raw.toString('utf8')), files: [] };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: UploadedFile[] = [];
    for (const [field, value] of form) {
      if (typeof value !== 'string')
        files.push({ field, name: value.name, size: value.size, contentType: value.type });
    }
    const payload = form.get('payload_json');
    return { body: typeof payload === 'string' ? parseJson(payload) : undefined, files };
  }
  throw new ApiError(400, 50035, 'Invalid Form Body', 'schema', {
    _errors: [{ code: 'CONTENT_TYPE_INVALID', message: `Unsupported content type ${type}` }],
  });
}

/** Rate-limit headers Discord sends on every bot route (plenty left, so the client never waits). */
export function rateLimitHeaders(template: string): Record<string, string> {
  return {
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '4',
    'x-ratelimit-reset': String((Date.now() + 5000) / 1000),
    'x-ratelimit-reset-after': '5.000',
    'x-ratelimit-bucket': createHash('md5').update(template).digest('hex'),
  };
}

/** Writes a route result as Discord would (JSON unless a content-type says otherwise). */
export function writeResult(res: ServerResponse, result: RouteResult): void {
  const headers: Record<string, string> = { via: '1.1 google', ...result.headers };
  if (result.body === undefined) {
    res.writeHead(result.status === 200 ? 204 : result.status, headers);
    res.end();
    return;
  }
  const text = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
  headers['content-type'] ??= 'application/json';
  res.writeHead(result.status, headers);
  res.end(text);
}
