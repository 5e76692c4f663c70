/** The ports to language and embedding models; the adapters in src/llm implement them. */
import type { Usage } from './types.js';

/** A JSON schema the model's reply must follow (structured outputs). */
export interface ResponseSchema {
  readonly name: string;
  readonly schema: Readonly<Record<string, unknown>>;
}

/** One chat request: the system prompt, the user message, and the reply's schema. */
export interface ChatRequest {
  readonly system: string;
  readonly user: string;
  readonly schema: ResponseSchema;
  readonly signal?: AbortSignal;
  /**
   * Hand back a reply cut off at the token cap (`truncated: true`) instead of failing with
   * `llm_truncated`, for a reader that keeps the complete part.
   */
  readonly acceptTruncated?: boolean;
  /**
   * Told once, however the call ends (answered, failed, cut off, cancelled, left early), the tokens
   * it spent: the server's figures when it sent them, else counted from the prompt sent and the text
   * received; zero when no reply began. A cancelled call's count may come a moment after it ended.
   */
  readonly onUsage?: (usage: Usage) => void;
}

/** The model's raw reply: JSON text (not yet parsed) and the tokens it cost. */
export interface ChatResult {
  readonly content: string;
  readonly usage: Usage;
  /** How the reply format was enforced: by schema, by JSON mode, or by the prompt alone. */
  readonly format: 'json_schema' | 'json_object' | 'prompt';
  /** The server ignored the requested format: the reply is prose, not JSON (later requests step down). */
  readonly formatIgnored?: boolean;
  /** The reply was cut off at the token cap (only with `acceptTruncated`). */
  readonly truncated?: boolean;
}

/**
 * A piece of a streamed reply: text as it arrives, then one `done` with the tokens spent. A server that
 * cannot stream yields the whole reply as one `delta`.
 */
export type ChatStreamChunk =
  | { readonly type: 'delta'; readonly text: string }
  | {
      readonly type: 'done';
      readonly usage: Usage;
      /** `stop`, or `length` for a reply cut off at the token cap (only with `acceptTruncated`). */
      readonly finishReason?: string;
      readonly format?: ChatResult['format'];
      readonly formatIgnored?: boolean;
      /** False when the server could not stream and the reply came whole. */
      readonly streamed?: boolean;
    };

/**
 * A chat model. Implementations throw `UserFacingError` with a specific friendly message
 * (and a `code`) for every failure: auth, rate limit, quota, server error, timeout,
 * connection refused, empty content, refusal, truncated output.
 */
export interface LlmClient {
  readonly model: string;
  chat(request: ChatRequest): Promise<ChatResult>;
  /**
   * Streams the reply. Fails like `chat` (a `UserFacingError` with an `llm_*` code), also mid-stream;
   * ending the iteration early or aborting `request.signal` stops the HTTP request.
   */
  stream?(request: ChatRequest): AsyncIterable<ChatStreamChunk>;
}

/** Turns texts into embedding vectors, in input order. */
export interface Embedder {
  readonly model: string;
  embed(texts: readonly string[]): Promise<number[][]>;
}
