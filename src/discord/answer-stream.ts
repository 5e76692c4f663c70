import type { Answer, Answerer, Citation, Question } from '../domain/types.js';

/**
 * The streaming contract (CONTRACTS.md, owned by the answering side): only verified claims are
 * yielded, then `done` with the answer `answer()` would return. Mirrored here until the domain
 * types carry it; structurally identical, so the engine's answerer fits as it is.
 */
export interface StreamedClaim {
  /** The claim with its markers, e.g. "The U.S. paused the sanctions [1]". */
  readonly text: string;
  readonly citations: readonly Citation[];
}
export type StreamEvent =
  | { readonly type: 'claim'; readonly claim: StreamedClaim }
  | { readonly type: 'done'; readonly answer: Answer };
export interface StreamOptions {
  readonly signal?: AbortSignal;
}
interface StreamingAnswerer {
  answerStream(question: Question, options?: StreamOptions): AsyncIterable<StreamEvent>;
}

function canStream(answerer: Answerer): answerer is Answerer & StreamingAnswerer {
  return typeof (answerer as Partial<StreamingAnswerer>).answerStream === 'function';
}

/** An answerer that cannot stream: its one answer, as one `done`. */
async function* whole(
  answerer: Answerer,
  question: Question,
  options: StreamOptions,
): AsyncGenerator<StreamEvent> {
  yield { type: 'done', answer: await answerer.answer(question, options) };
}

/** The answer as a stream of events: `answerStream` when the answerer has it, else one `done`. */
export function streamAnswer(
  answerer: Answerer,
  question: Question,
  options: StreamOptions = {},
): AsyncIterable<StreamEvent> {
  return canStream(answerer) ? answerer.answerStream(question, options) : whole(answerer, question, options);
}

/** Ends the iteration as soon as `signal` aborts (the source is told to stop via `return()`). */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  if (signal.aborted) return;
  const iterator = source[Symbol.asyncIterator]();
  let onAbort = () => undefined as void;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    for (;;) {
      const pending = iterator.next();
      // If the abort wins the race, a later failure of this step has nobody to tell.
      pending.catch(() => undefined);
      const next = await Promise.race([pending, aborted]);
      if (next === 'aborted' || next.done === true) return;
      yield next.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Tell the source to stop (it cancels the model call); its own failure to stop is not ours.
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}
