import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeErrors, type FakeFailure } from './fake-openai-errors.js';
import { record, send, type FakeRawReply, type FakeRequest } from './fake-openai-http.js';
import {
  createFakePromptCache,
  replyTokens,
  type FakeCacheEntry,
  type FakePromptCacheOptions,
  type FakeTimeToFirstToken,
} from './fake-prompt-cache.js';
import {
  chatCompletion,
  embeddingList,
  ruleBroken,
  type FakeChatBody,
  type FakeChatSuccess,
  type FakeServerRules,
} from './fake-openai-replies.js';
import { proseOf } from './fake-openai-prose.js';
import { streamReply, wantsStream, type FakeStreamRules } from './fake-openai-stream.js';

export { fakeErrors, type FakeFailure } from './fake-openai-errors.js';
export { fakeEmbedding } from './fake-embeddings.js';
export type { FakeChatBody, FakeChatSuccess } from './fake-openai-replies.js';
export { getClosedPort, type FakeRawReply, type FakeRequest } from './fake-openai-http.js';

/** One scripted reply: a success, an error, a raw body, or a dropped connection; optionally late. */
export type FakeReply = (
  | (FakeChatSuccess & { readonly dropAfterChunks?: number })
  | FakeFailure
  | FakeRawReply
  | { readonly destroy: true }
) & {
  /** Delay before the reply (before the stream's headers when streaming). */
  readonly delayMs?: number;
};
/** A scripted embeddings reply: the computed vectors (`ok`), an error, or a dropped connection. */
export type FakeEmbeddingsReply = ({ readonly ok: true } | FakeFailure | { readonly destroy: true }) & {
  readonly delayMs?: number;
};

export type FakeChatHandler = (body: FakeChatBody, request: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAiOptions extends FakeServerRules, FakeStreamRules {
  /** Ignores `response_format` and writes each reply as prose (see {@link proseOf}). */
  readonly answersInProse?: boolean;
  /** 401 with OpenAI's `invalid_api_key` error unless the request carries `Bearer <requireApiKey>`. */
  readonly requireApiKey?: string;
  /** The handler used when no reply is queued; {@link createDefaultChatHandler} by default. */
  readonly chat?: FakeChatHandler;
  readonly embeddingDimensions?: number;
  /** `reversed` returns embeddings out of order (each still with its `index`). */
  readonly embeddingOrder?: 'input' | 'reversed';
  /**
   * Counts prompt tokens with gpt-tokenizer and reports the cached ones the way OpenAI does
   * (`usage.prompt_tokens_details.cached_tokens`); off by default (prompt tokens are then a word count).
   */
  readonly promptCache?: boolean | FakePromptCacheOptions;
  /** Delays each successful chat reply by a time to first token that grows with the uncached prompt tokens. */
  readonly timeToFirstToken?: FakeTimeToFirstToken;
}

export interface FakeOpenAi {
  /** E.g. `http://127.0.0.1:PORT/v1`. */
  readonly baseURL: string;
  readonly requests: readonly FakeRequest[];
  /** Bodies of the chat requests, in order. */
  readonly chatBodies: readonly FakeChatBody[];
  readonly embeddingCalls: number;
  /** Streamed replies whose connection closed before the stream ended (the client went away). */
  readonly streamsCutShort: number;
  /** Every text embedded, in order of arrival. */
  readonly embeddedTexts: readonly string[];
  /** With `promptCache` or `timeToFirstToken`: prompt and cached tokens and the delay of each successful chat reply. */
  readonly cacheLog: readonly FakeCacheEntry[];
  /** Replaces the handler that answers chat requests when nothing is queued. */
  onChat(handler: FakeChatHandler): void;
  /** Replies used in order before the handler. A request refused by a server rule consumes none. */
  queueChat(...replies: FakeReply[]): void;
  queueEmbeddings(...replies: FakeEmbeddingsReply[]): void;
  /** Drops the recorded requests and embedded texts (long soaks). */
  forget(): void;
  close(): Promise<void>;
}

/** The minimal valid answer the default chat handler gives when no answer function is passed. */
export const DEFAULT_FAKE_ANSWER = { answerable: false, answer: '', citations: [] };

/** A chat handler replying with `JSON.stringify(answer(body))`. */
export function createDefaultChatHandler(
  answer: (body: FakeChatBody) => unknown = () => DEFAULT_FAKE_ANSWER,
): FakeChatHandler {
  return (body) => ({ content: JSON.stringify(answer(body)) });
}

// The cache's count replaces the word count, unless the reply scripts its own usage.
function withCache<T extends FakeChatSuccess>(reply: T, cached: FakeCacheEntry | undefined): T {
  if (!cached || reply.usage !== undefined) return reply;
  const usage = {
    prompt_tokens: cached.promptTokens,
    completion_tokens: replyTokens(reply.content ?? reply.refusal ?? ''),
    cached_tokens: cached.cachedTokens,
  };
  return { ...reply, usage };
}

/** Starts a fake OpenAI-compatible server on 127.0.0.1 (random port). Close it after the test. */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const requests: FakeRequest[] = [];
  const chatQueue: FakeReply[] = [];
  const embeddingsQueue: FakeEmbeddingsReply[] = [];
  const embeddedTexts: string[] = [];
  let chatHandler = options.chat ?? createDefaultChatHandler();
  const timers = new Set<NodeJS.Timeout>();
  const cacheLog: FakeCacheEntry[] = [];
  const cacheOptions = typeof options.promptCache === 'object' ? options.promptCache : {};
  const cache =
    options.promptCache || options.timeToFirstToken
      ? createFakePromptCache(cacheOptions, options.timeToFirstToken)
      : undefined;
  let streamsCutShort = 0;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => (timers.delete(timer), resolve()), ms);
      timers.add(timer);
    });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const recorded = await record(req);
    requests.push(recorded);
    const path = recorded.path;
    if (
      options.requireApiKey !== undefined &&
      req.headers.authorization !== `Bearer ${options.requireApiKey}`
    ) {
      return send(res, fakeErrors.invalidApiKey(req.headers.authorization?.replace(/^Bearer /, '') ?? ''));
    }
    if (recorded.body === undefined) return send(res, fakeErrors.badJson());
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      const body = recorded.body as FakeChatBody;
      const refused = ruleBroken(body, options);
      const scripted: FakeReply = refused ?? chatQueue.shift() ?? (await chatHandler(body, recorded));
      const cached = cache && 'content' in scripted ? cache.measure(body.messages) : undefined;
      if (cached) cacheLog.push(cached);
      const prosed =
        options.answersInProse && 'content' in scripted && scripted.content !== null
          ? { ...scripted, content: proseOf(scripted.content) }
          : scripted;
      const reply = 'content' in prosed ? withCache(prosed, cached) : prosed;
      const delayMs = (reply.delayMs ?? 0) + (cached?.ttftMs ?? 0);
      if (delayMs) await wait(delayMs);
      if (!('content' in reply)) return send(res, reply);
      if (wantsStream(body) && options.streaming !== 'ignore') {
        res.on('close', () => void (res.writableFinished || (streamsCutShort += 1)));
        return streamReply(res, body, reply, options, wait);
      }
      return send(res, { status: 200, json: chatCompletion(body, reply) });
    }
    if (req.method === 'POST' && path === '/v1/embeddings') {
      const body = recorded.body as { input: string | string[]; model: string; encoding_format?: string };
      const inputs = typeof body.input === 'string' ? [body.input] : body.input;
      const reply: FakeEmbeddingsReply = embeddingsQueue.shift() ?? { ok: true };
      if (reply.delayMs) await wait(reply.delayMs);
      if (!('ok' in reply)) return send(res, reply);
      embeddedTexts.push(...inputs);
      const list = embeddingList(inputs, body.model, {
        dimensions: options.embeddingDimensions ?? 64,
        base64: body.encoding_format === 'base64',
        reversed: options.embeddingOrder === 'reversed',
      });
      return send(res, { status: 200, json: list });
    }
    return send(res, fakeErrors.invalidUrl(req.method ?? 'GET', path));
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => send(res, { status: 500, rawBody: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    get chatBodies() {
      return requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body as FakeChatBody);
    },
    get streamsCutShort() {
      return streamsCutShort;
    },
    get embeddingCalls() {
      return requests.filter((r) => r.path === '/v1/embeddings').length;
    },
    embeddedTexts,
    cacheLog,
    onChat: (handler) => void (chatHandler = handler),
    queueChat: (...replies) => void chatQueue.push(...replies),
    queueEmbeddings: (...replies) => void embeddingsQueue.push(...replies),
    forget() {
      requests.length = 0;
      embeddedTexts.length = 0;
      cacheLog.length = 0;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
