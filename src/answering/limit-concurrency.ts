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
 * Creates a limiter for model calls. A full queue, or a wait longer than `maxWaitMs`, rejects
 * with a `UserFacingError` (code `busy`) instead of letting waits grow without bound.
 */
export function createConcurrencyLimiter({
  maxConcurrent,
  maxQueued,
  maxWaitMs = 60_000,
}: LimiterOptions): ConcurrencyLimiter {
  const waiting: (() => void)[] = [];
  let active = 0;

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };

  const slot = () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(grant), 1);
        reject(busy());
      }, maxWaitMs);
      // The slot passes straight from the finishing task to this one, so `active` stays the same.
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      waiting.push(grant);
    });

  return {
    async run(task) {
      if (active < maxConcurrent) active += 1;
      else if (waiting.length >= maxQueued) throw busy();
      else await slot();
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
