import { UserFacingError } from '../errors.js';

/** Runs tasks with at most `maxConcurrent` at once and at most `maxQueued` waiting. */
export interface ConcurrencyLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly queued: number;
}

/**
 * Creates a limiter for model calls. When the queue is full, `run` rejects at once with a
 * `UserFacingError` (code `busy`) instead of letting waits grow without bound.
 */
export function createConcurrencyLimiter(options: { maxConcurrent: number; maxQueued: number }): ConcurrencyLimiter {
  const { maxConcurrent, maxQueued } = options;
  const waiting: (() => void)[] = [];
  let active = 0;

  const release = () => {
    active -= 1;
    const next = waiting.shift();
    if (next) {
      active += 1;
      next();
    }
  };

  return {
    async run(task) {
      if (active >= maxConcurrent) {
        if (waiting.length >= maxQueued) {
          throw new UserFacingError('I am answering a lot of questions right now.', 'busy');
        }
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        active += 1;
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
  };
}
