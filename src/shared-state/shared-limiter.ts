import type { ConcurrencyLimiter } from '../answering/limit-concurrency.js';
import { UserFacingError } from '../errors.js';
import type { SharedSlots } from './types.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The global cap on concurrent model calls: this process's limiter (its own cap and queue) first,
 * then one of `max` shared slots, waited for with a short backoff up to `maxWaitMs`.
 */
export function createSharedLimiter({
  local,
  slots,
  max,
  maxWaitMs = 60_000,
}: {
  readonly local: ConcurrencyLimiter;
  readonly slots: SharedSlots;
  readonly max: number;
  readonly maxWaitMs?: number;
}): ConcurrencyLimiter {
  const slot = async () => {
    const deadline = Date.now() + maxWaitMs;
    for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
      const lease = await slots.tryAcquire(max);
      if (lease) return lease;
      if (Date.now() + pause > deadline)
        throw new UserFacingError(
          'I am answering a lot of questions right now; please try again in a minute.',
          'busy',
        );
      // Jitter, so processes waiting together do not retry in lockstep.
      await sleep(pause / 2 + Math.random() * pause);
    }
  };
  return {
    run: (task) =>
      local.run(async () => {
        const lease = await slot();
        try {
          return await task();
        } finally {
          await lease.release();
        }
      }),
    get active() {
      return local.active;
    },
    get queued() {
      return local.queued;
    },
  };
}
