import type { Answer, Answerer, Question } from '../../src/domain/types.js';

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
  return {
    questions,
    answer(question, options) {
      questions.push(question);
      return current.answer(question, options);
    },
    use: (next) => void (current = next),
    reset: () => void (current = base),
  };
}

/** An answerer that fails with `error` (a plain Error is a bug: the user gets the generic apology). */
export function throwingAnswerer(error: Error): Answerer {
  return { answer: () => Promise.reject(error) };
}

/** Delays another answerer, for shutdown and typing tests; `started` resolves when a question arrives. */
export function slowAnswerer(
  inner: Answerer,
  delayMs: number,
): Answerer & { readonly started: Promise<void> } {
  let markStarted = () => undefined as void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  return {
    started,
    async answer(question, options): Promise<Answer> {
      markStarted();
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return inner.answer(question, options);
    },
  };
}
