import type { Usage } from '../domain/types.js';

/** Counts a text's tokens (the engine passes its tokenizer in). */
export type CountTokens = (text: string) => Promise<number>;

/** Without a tokenizer: about four characters a token, OpenAI's rule of thumb for English. */
const estimate: CountTokens = (text) => Promise.resolve(Math.ceil(text.length / 4));

const NOTHING: Usage = { promptTokens: 0, completionTokens: 0 };

/** What one streamed call spent, told once however the call ends. */
export interface SpendMeter {
  /** The server's own figures (a reply's usage block). */
  told(usage: Usage): void;
  /**
   * The call ended without the server's figures (cut off, cancelled, or a server that sends no
   * usage in streams): counts the prompt sent and the text received. Nothing was spent when no
   * reply began (`prompt` undefined: the request failed or was cancelled before the server answered).
   */
  count(prompt: string | undefined, received: string): void;
  /** Another call (the whole-reply fallback) tells these tokens itself: this meter stays silent. */
  handOver(): void;
}

/**
 * Creates the meter for one call: every listener hears the call's tokens exactly once (the daily
 * budget and the answer that asked). Counting is asynchronous (the tokenizer runs in a worker), so a
 * cancelled call's count arrives a moment after it ended; a failed count falls back to the estimate.
 */
export function createSpendMeter(
  listeners: {
    /** The client's listener (the daily budget): told only of tokens actually spent. */
    readonly client?: ((usage: Usage) => void) | undefined;
    /** The request's own (`ChatRequest.onUsage`): told once in any case, zero included. */
    readonly request?: ((usage: Usage) => void) | undefined;
  },
  countTokens: CountTokens = estimate,
): SpendMeter {
  // Claimed by the first report, even while its count is still running: nobody hears twice.
  let claimed = false;
  const tell = (usage: Usage) => {
    if (usage.promptTokens + usage.completionTokens > 0) listeners.client?.(usage);
    listeners.request?.(usage);
  };
  const counted = async (text: string) => {
    if (text === '') return 0;
    try {
      return await countTokens(text);
    } catch {
      return estimate(text);
    }
  };
  return {
    told(usage) {
      if (claimed) return;
      claimed = true;
      tell(usage);
    },
    handOver() {
      claimed = true;
    },
    count(prompt, received) {
      if (claimed) return;
      claimed = true;
      if (prompt === undefined) return tell(NOTHING);
      void Promise.all([counted(prompt), counted(received)]).then(([promptTokens, completionTokens]) =>
        tell({ promptTokens, completionTokens }),
      );
    },
  };
}
