import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import type { FakeFailure } from './fake-openai-errors.js';
import { requestId } from './fake-openai-replies.js';

/** A request the fake received. The Authorization header is not kept, only whether it was sent. */
export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  /** The parsed JSON body; `undefined` when it was not JSON. */
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly hasBearer: boolean;
}

/** A reply with a body that is not OpenAI's error shape (other servers' errors, HTML from a proxy). */
export interface FakeRawReply {
  readonly status: number;
  readonly rawBody: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Sendable =
  FakeFailure | FakeRawReply | { readonly destroy: true } | { status: number; json: unknown };

/** Reads and records one request. */
export async function record(req: IncomingMessage): Promise<FakeRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    body = undefined;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name !== 'authorization' && value !== undefined)
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const path = new URL(req.url ?? '/', 'http://fake').pathname;
  const hasBearer = /^Bearer \S+/.test(req.headers.authorization ?? '');
  return { method: req.method ?? 'GET', path, body, headers, hasBearer };
}

/** Sends a reply (or drops the connection), unless the client has already gone. */
export function send(res: ServerResponse, reply: Sendable): void {
  if (res.destroyed || res.writableEnded) return;
  if ('destroy' in reply) return void res.socket?.destroy();
  const payload =
    'rawBody' in reply
      ? reply.rawBody
      : JSON.stringify('json' in reply ? reply.json : { error: errorBody(reply) });
  const headers = 'headers' in reply ? reply.headers : undefined;
  res.writeHead(reply.status, {
    'content-type': 'rawBody' in reply ? 'text/plain' : 'application/json',
    'x-request-id': requestId(),
    'openai-processing-ms': '1',
    ...headers,
  });
  res.end(payload);
}

function errorBody(failure: FakeFailure): Record<string, unknown> {
  const { message, type = null, param = null, code = null } = failure.error;
  return { message, type, param, code };
}

/** A port on 127.0.0.1 with nothing listening: connecting to it is refused. */
export async function getClosedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
