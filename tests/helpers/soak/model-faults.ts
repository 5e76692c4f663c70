import { fakeErrors, type FakeChatHandler, type FakeReply } from '../fake-openai.js';
import { createQuotingModel } from '../quoting-model.js';

/** Every way the model server can fail (or nearly fail) that the soak injects. */
export const MODEL_FAULTS = [
  'openai-429-rate-limit',
  'openai-429-quota',
  'openai-500',
  'openai-503',
  'openai-timeout',
  'openai-connection-reset',
  'openai-connection-refused',
  'openai-slow',
  'openai-malformed-json',
  'openai-truncated-json',
  'openai-truncated-body',
  'openai-empty',
  'openai-refusal',
] as const;
export type ModelFault = (typeof MODEL_FAULTS)[number];

/** The fake model plus a queue of faults it serves to the next chat requests. */
export interface ModelFaults {
  readonly handler: FakeChatHandler;
  /** Wraps fetch so that a queued refusal sends the next request to a port where nothing listens. */
  wrapFetch(fetch: typeof globalThis.fetch, closedPort: number): typeof globalThis.fetch;
  inject(fault: ModelFault): void;
  /** How many of each fault a request actually met. */
  readonly served: Readonly<Record<string, number>>;
}

// A 200 whose JSON body stops mid-way, as when a proxy drops the connection.
const TRUNCATED_BODY =
  '{"id":"chatcmpl-cut","object":"chat.completion","created":1,"model":"gpt-4.1-mini","choices":[{"index":0,"message":{"role":"assistant","content":"{\\"answerable\\": tr';

/** Creates the fault-serving model; `timeoutMs` is the engine's, so a timeout reply is slower. */
export function createModelFaults({ timeoutMs }: { readonly timeoutMs: number }): ModelFaults {
  const quoting = createQuotingModel();
  const queue: ModelFault[] = [];
  const served: Record<string, number> = {};
  let refusals = 0;
  const serve = (fault: ModelFault) => void (served[fault] = (served[fault] ?? 0) + 1);

  const reply = (fault: ModelFault, normal: () => FakeReply): FakeReply => {
    switch (fault) {
      case 'openai-429-rate-limit':
        return fakeErrors.rateLimited({ retryAfterMs: 200 });
      case 'openai-429-quota':
        return fakeErrors.insufficientQuota();
      case 'openai-500':
        return fakeErrors.serverError(500);
      case 'openai-503':
        return fakeErrors.serverError(503);
      case 'openai-timeout':
        return { ...normal(), delayMs: timeoutMs + 400 };
      case 'openai-connection-reset':
      case 'openai-connection-refused':
        return { destroy: true };
      case 'openai-slow':
        return { ...normal(), delayMs: Math.round(timeoutMs / 2) };
      case 'openai-malformed-json':
        return { content: 'Sure! Here is the answer: {answerable: true, answer: The sanctions' };
      case 'openai-truncated-json':
        return {
          content: '{"answerable": true, "answer": "The United States shelved',
          finishReason: 'length',
        };
      case 'openai-truncated-body':
        return { status: 200, rawBody: TRUNCATED_BODY, headers: { 'content-type': 'application/json' } };
      case 'openai-empty':
        return { content: '' };
      case 'openai-refusal':
        return { content: null, refusal: "I'm sorry, but I can't help with that." };
    }
  };

  return {
    handler(body) {
      const fault = queue.shift();
      if (fault === undefined) return quoting(body);
      serve(fault);
      return reply(fault, () => quoting(body));
    },
    wrapFetch(fetch, closedPort) {
      return (input, init) => {
        if (refusals === 0 || typeof input !== 'string') return fetch(input, init);
        refusals -= 1;
        serve('openai-connection-refused');
        const url = new URL(input);
        url.port = String(closedPort);
        return fetch(url.toString(), init);
      };
    },
    inject(fault) {
      if (fault === 'openai-connection-refused') refusals += 1;
      else queue.push(fault);
    },
    served,
  };
}
