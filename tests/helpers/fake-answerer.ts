import type { Answer, Answerer, AnswerOptions, Question } from '../../src/domain/types.js';

/** The stream of an answerer that cannot stream: the whole answer as one 'done' event. */
export function streamOnce(
  answer: (question: Question, options?: AnswerOptions) => Promise<Answer>,
): Answerer['answerStream'] {
  return async function* (question, options) {
    yield { type: 'done', answer: await answer(question, options) };
  };
}

/** An answerer whose behaviour a test can swap (e.g. to one that throws), then restore. */
export interface SwitchableAnswerer extends Answerer {
  /** Questions received, in order. */
  readonly questions: Question[];
  use(next: Answerer): void;
  reset(): void;
}

export function createSwitchableAnswerer(base: Answerer): SwitchableAnswerer {
  let current = base;
  const questions: Question[] = [];
  const answer = (question: Question, options?: AnswerOptions) => {
    questions.push(question);
    return current.answer(question, options);
  };
  return {
    questions,
    answer,
    // Streams as the current answerer does (the real engine streams claims; a stub gives one 'done').
    answerStream(question, options) {
      questions.push(question);
      return current.answerStream(question, options);
    },
    use: (next) => void (current = next),
    reset: () => void (current = base),
  };
}

/** An answerer that fails with `error` (a plain Error is a bug: the user gets the generic apology). */
export function throwingAnswerer(error: Error): Answerer {
  const answer = () => Promise.reject(error);
  return { answer, answerStream: streamOnce(answer) };
}

/** Delays another answerer, for shutdown and typing tests; `started` resolves when a question arrives. */
export function slowAnswerer(
  inner: Answerer,
  delayMs: number,
): Answerer & { readonly started: Promise<void> } {
  let markStarted = () => undefined as void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const answer = async (question: Question, options?: AnswerOptions): Promise<Answer> => {
    markStarted();
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return inner.answer(question, options);
  };
  return { started, answer, answerStream: streamOnce(answer) };
}
