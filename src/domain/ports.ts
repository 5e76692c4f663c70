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
}

/** The model's raw reply: JSON text (not yet parsed) and the tokens it cost. */
export interface ChatResult {
  readonly content: string;
  readonly usage: Usage;
  /** How the reply format was enforced: by schema, by JSON mode, or by the prompt alone. */
  readonly format: 'json_schema' | 'json_object' | 'prompt';
}

/**
 * A chat model. Implementations throw `UserFacingError` with a specific friendly message
 * (and a `code`) for every failure: auth, rate limit, quota, server error, timeout,
 * connection refused, empty content, refusal, truncated output.
 */
export interface LlmClient {
  readonly model: string;
  chat(request: ChatRequest): Promise<ChatResult>;
}

/** Turns texts into embedding vectors, in input order. */
export interface Embedder {
  readonly model: string;
  embed(texts: readonly string[]): Promise<number[][]>;
}
