import { describe, expect, it } from 'vitest';
import { createConcurrencyLimiter } from '../src/answering/limit-concurrency.js';
import { UserFacingError } from '../src/errors.js';

const deferred = () => {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

describe('concurrency limiter', () => {
  it('runs at most maxConcurrent tasks at once and queues the rest in order', async () => {
    const limiter = createConcurrencyLimiter({ maxConcurrent: 2, maxQueued: 10 });
    const gates = [deferred(), deferred(), deferred()];
    const order: number[] = [];
    const runs = gates.map((gate, index) =>
      limiter.run(async () => {
        order.push(index);
        await gate.promise;
      }),
    );
    await Promise.resolve();
    expect(limiter.active).toBe(2);
    expect(limiter.queued).toBe(1);
    gates[0]?.resolve();
    await runs[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([0, 1, 2]);
    expect(limiter.active).toBe(2);
    gates[1]?.resolve();
    gates[2]?.resolve();
    await Promise.all(runs);
    expect(limiter.active).toBe(0);
  });

  it('turns work away when the queue is full', async () => {
    const limiter = createConcurrencyLimiter({ maxConcurrent: 1, maxQueued: 1 });
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    const second = limiter.run(() => Promise.resolve('queued'));
    await expect(limiter.run(() => Promise.resolve('third'))).rejects.toMatchObject({ code: 'busy' });
    gate.resolve();
    await first;
    await expect(second).resolves.toBe('queued');
  });

  it('gives up on a wait longer than maxWaitMs', async () => {
    const limiter = createConcurrencyLimiter({ maxConcurrent: 1, maxQueued: 5, maxWaitMs: 20 });
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    const error = await limiter.run(() => Promise.resolve('late')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserFacingError);
    expect(limiter.queued).toBe(0);
    gate.resolve();
    await first;
    expect(limiter.active).toBe(0);
    await expect(limiter.run(() => Promise.resolve('again'))).resolves.toBe('again');
  });
});
