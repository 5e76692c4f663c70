import type { Answerer, AnswerEvent, AnswerOptions, Question } from '../../domain/types.js';

/**
 * The answer as a stream of events: verified claims as they complete, then `done`. An answerer
 * whose server cannot stream yields one `done` (the bot then makes one edit at the end).
 */
export function streamAnswer(
  answerer: Answerer,
  question: Question,
  options: AnswerOptions = {},
): AsyncIterable<AnswerEvent> {
  return answerer.answerStream(question, options);
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
