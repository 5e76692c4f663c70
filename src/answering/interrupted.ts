import type { Usage } from '../domain/types.js';
import { LLM_ERROR_MESSAGES, UserFacingError } from '../errors.js';

const NOTHING: Usage = { promptTokens: 0, completionTokens: 0 };
/** How long a stopped answer waits for its call's token count before recording none. */
const SPENT_WAIT_MS = 5_000;

/**
 * Settles with `work`, or rejects (`llm_cancelled`) the moment `signal` aborts, whatever the work
 * is doing then: a stopped answer never waits for the model to notice. The work's own later
 * failure has nobody to tell and is dropped.
 */
export function raceAbort<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  work.catch(() => undefined);
  const cancelled = () => new UserFacingError(LLM_ERROR_MESSAGES.llm_cancelled, 'llm_cancelled');
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort))
      .catch(() => undefined);
  });
}

/** The tokens one model call spent, as the client tells them (`ChatRequest.onUsage`). */
export interface Spent {
  /** The client's report; pass as `ChatRequest.onUsage`. */
  readonly tell: (usage: Usage) => void;
  /** The call reached the model (a question stopped while queued spent nothing). */
  readonly called: () => void;
  /** What the call spent, once the client has told it (a cancelled call's count comes a moment later). */
  usage(): Promise<Usage>;
}

/** Creates the tally for one call. */
export function whenSpent(waitMs = SPENT_WAIT_MS): Spent {
  let tell: (usage: Usage) => void = () => undefined;
  const told = new Promise<Usage>((resolve) => (tell = resolve));
  let reached = false;
  return {
    tell: (usage) => tell(usage),
    called: () => void (reached = true),
    usage() {
      if (!reached) return Promise.resolve(NOTHING);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<Usage>((resolve) => {
        timer = setTimeout(() => resolve(NOTHING), waitMs);
        timer.unref();
      });
      return Promise.race([told, late]).finally(() => clearTimeout(timer));
    },
  };
}
