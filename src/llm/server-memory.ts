import { initialShape, type RequestShape } from './llm-request-shape.js';

/** What has been learnt about one server (base URL and model): kept for every later request. */
export interface ServerState {
  /** The request shape that works; only ever weakened. */
  shape: RequestShape;
  /** A `json_schema` request has been answered in JSON: a 5xx is then no longer blamed on the format. */
  schemaConfirmed: boolean;
  /** Whether `stream: true` works: `no` once the server refused it or answered without streaming. */
  streaming: 'unknown' | 'yes' | 'no';
  /** Whether to send `stream_options.include_usage` (some servers refuse it). */
  streamUsage: boolean;
}

/** What has been learnt per server, shared by every client given the same memory. */
export interface ServerMemory {
  stateOf(baseURL: string | undefined, model: string): ServerState;
}

/**
 * Creates an empty memory. Clients given one memory share what they learn about a server (the
 * same base URL and model); a client creates its own when given none.
 */
export function createServerMemory(): ServerMemory {
  const states = new Map<string, ServerState>();
  return {
    stateOf(baseURL, model) {
      const key = `${baseURL ?? 'openai'}\u0000${model}`;
      let state = states.get(key);
      if (!state) {
        state = {
          shape: initialShape(model, baseURL),
          schemaConfirmed: false,
          streaming: 'unknown',
          streamUsage: true,
        };
        states.set(key, state);
      }
      return state;
    },
  };
}
