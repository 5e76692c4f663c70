import PQueue from 'p-queue';
import { UserFacingError } from '../errors.js';

/** Runs tasks with at most `maxConcurrent` at once and at most `maxQueued` waiting. */
export interface ConcurrencyLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly queued: number;
}

export interface LimiterOptions {
  readonly maxConcurrent: number;
  readonly maxQueued: number;
  /** Longest wait for a free slot before giving up (default one minute). */
  readonly maxWaitMs?: number;
}

const busy = () =>
  new UserFacingError('I am answering a lot of questions right now; please try again in a minute.', 'busy');

/**
 * Creates a limiter for model calls on a `p-queue`. A full queue, or a wait longer than
 * `maxWaitMs`, rejects with a `UserFacingError` (code `busy`) instead of letting waits grow
 * without bound. (p-queue rather than p-limit: p-limit cannot take one waiting task back out.)
 */
export function createConcurrencyLimiter({
  maxConcurrent,
  maxQueued,
  maxWaitMs = 60_000,
}: LimiterOptions): ConcurrencyLimiter {
  const queue = new PQueue({ concurrency: maxConcurrent });

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (queue.pending >= maxConcurrent && queue.size >= maxQueued) throw busy();
      // Aborting a waiting task takes it out of the queue; once it starts, the timer is off.
      const waited = new AbortController();
      const timer = setTimeout(() => waited.abort(busy()), maxWaitMs);
      try {
        return await queue.add(
          () => {
            clearTimeout(timer);
            return task();
          },
          { signal: waited.signal },
        );
      } finally {
        clearTimeout(timer);
      }
    },
    get active() {
      return queue.pending;
    },
    get queued() {
      return queue.size;
    },
  };
}
