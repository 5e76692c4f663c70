import { performance } from 'node:perf_hooks';
import type { LlmClient } from '../../src/domain/ports.js';
import { createQuotingModel } from '../../tests/helpers/quoting-model.js';

/** A model that answers at once, and how long its own work took (to leave out of engine overhead). */
export interface InstantLlm extends LlmClient {
  /** Milliseconds spent inside the fake model so far. */
  readonly modelMs: number;
  readonly calls: number;
}

/**
 * An in-process LlmClient that replies instantly with the quoting fake model's answer (quotes
 * copied from the passages it receives), so everything but the model runs: retrieval, prompt
 * building, JSON parsing, verification. Its own time is counted so benchmarks can subtract it.
 */
export function createInstantLlm(options: { readonly delayMs?: number } = {}): InstantLlm {
  const quoting = createQuotingModel();
  let modelMs = 0;
  let calls = 0;
  return {
    model: 'instant-quoting',
    get modelMs() {
      return modelMs;
    },
    get calls() {
      return calls;
    },
    async chat(request) {
      const started = performance.now();
      calls += 1;
      const reply = quoting({
        model: 'instant-quoting',
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content: request.user },
        ],
      });
      const content =
        'content' in reply && typeof reply.content === 'string'
          ? reply.content
          : '{"answerable":false,"answer":"","citations":[]}';
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      modelMs += performance.now() - started;
      const usage = { promptTokens: 0, completionTokens: 0 };
      // The port's contract: every call tells what it spent (here nothing).
      request.onUsage?.(usage);
      return { content, usage, format: 'json_schema' };
    },
  };
}
