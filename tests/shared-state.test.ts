import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Turn } from '../src/domain/types.js';
import type { SharedState } from '../src/shared-state/create-shared-state.js';
import { createConcurrencyLimiter } from '../src/answering/limit-concurrency.js';
import { cacheAcrossShards, createMemorySharedState } from '../src/shared-state/create-shared-state.js';
import { createSharedLimiter } from '../src/shared-state/shared-limiter.js';
import { REDIS_SKIP_REASON, redisSkipped, startRedisServer, sharedRedis } from './helpers/redis-server.js';
import { captureLogger, eventually, redisState, uniquePrefix } from './helpers/shared-state.js';

const turn = (n: number): Turn => ({
  question: `q${n}`,
  answer: `a${n}`,
  cited: [{ articleId: 'x', paragraph: n }],
});
const answer: Pick<Answer, 'text' | 'mode' | 'citations'> = {
  text: 'The truce held [1].',
  mode: 'llm',
  citations: [{ n: 1, articleId: 'story', paragraph: 2, quote: 'the truce held', verified: true }],
};

describe('shared state in memory (one process)', () => {
  const state = createMemorySharedState({ cooldownSeconds: 5, maxTurns: 2, maxAgeMs: 60_000 });
  it('limits a user once per cooldown and keeps the last turns and answers', async () => {
    expect(await state.cooldowns.take('u1')).toEqual({ ok: true });
    expect((await state.cooldowns.take('u1')).ok).toBe(false);
    await state.conversations.record('dm:1', [turn(1), turn(2), turn(3)]);
    expect((await state.conversations.history('dm:1')).map((t) => t.question)).toEqual(['q2', 'q3']);
    await state.answers.remember('m1', { question: 'q', answer });
    expect(await state.answers.recall('m1')).toEqual({ question: 'q', answer });
    expect(await state.answers.vote('m1', 'u1')).toBe(true);
    expect(await state.answers.vote('m1', 'u1')).toBe(false);
  });
});

describe.skipIf(redisSkipped)(
  redisSkipped ? REDIS_SKIP_REASON : 'shared state on Redis (two processes)',
  () => {
    let server: Awaited<ReturnType<typeof sharedRedis>>;
    let a: SharedState;
    let b: SharedState;
    beforeAll(async () => {
      server = await sharedRedis();
      const prefix = uniquePrefix();
      [a, b] = await Promise.all([redisState(server.url, prefix), redisState(server.url, prefix)]);
    });
    afterAll(async () => {
      await Promise.all([a.close(), b.close()]);
      await server.close();
    });

    it('holds one user to one cooldown across processes', async () => {
      expect(await a.cooldowns.take('user')).toEqual({ ok: true });
      const refused = await b.cooldowns.take('user');
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.retryAt - Date.now()).toBeGreaterThan(4000);
      expect((await b.cooldowns.take('someone-else')).ok).toBe(true);
    });

    it('counts tokens once for all processes and shares the quota pause', async () => {
      await a.tokens.add('2026-12-01', 100);
      expect(await b.tokens.add('2026-12-01', 50)).toBe(150);
      expect(await a.tokens.total('2026-12-01')).toBe(150);
      await a.tokens.pause(Date.now() + 60_000);
      expect(await b.tokens.pausedUntil()).toBeGreaterThan(Date.now());
    });

    it('shares conversations (last turns) and the answers behind buttons, one vote per user', async () => {
      await a.conversations.record('dm:7', [turn(1), turn(2)]);
      await b.conversations.record('dm:7', [turn(3), turn(4)]);
      expect((await a.conversations.history('dm:7')).map((t) => t.question)).toEqual(['q2', 'q3', 'q4']);
      await a.answers.remember('msg', { question: 'What held?', answer });
      expect(await b.answers.recall('msg')).toEqual({ question: 'What held?', answer });
      expect(await a.answers.vote('msg', 'u')).toBe(true);
      expect(await b.answers.vote('msg', 'u')).toBe(false);
      await b.answers.unvote('msg', 'u');
      expect(await a.answers.vote('msg', 'u')).toBe(true);
    });

    it('caps model slots globally and frees a dead process’s slots when its lease runs out', async () => {
      const prefix = uniquePrefix();
      const [x, y] = await Promise.all([
        redisState(server.url, prefix, undefined, { leaseMs: 300 }),
        redisState(server.url, prefix, undefined, { leaseMs: 300 }),
      ]);
      expect(await x.slots.tryAcquire(2)).toBeDefined();
      expect(await y.slots.tryAcquire(2)).toBeDefined();
      expect(await y.slots.tryAcquire(2)).toBeUndefined();
      // Held leases are renewed: still taken well past one lease.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await y.slots.tryAcquire(2)).toBeUndefined();
      await x.close(); // x dies without releasing: its lease stops being renewed
      const started = Date.now();
      await eventually(
        async () => (await y.slots.tryAcquire(2)) !== undefined,
        'the dead lease to expire',
        2000,
      );
      expect(Date.now() - started).toBeLessThan(1000);
      await y.close();
    });

    it('delivers bus messages to every process', async () => {
      const got: string[] = [];
      b.bus.subscribe('settings', (message) => got.push(message));
      a.bus.subscribe('settings', (message) => got.push(`a:${message}`));
      await eventually(async () => {
        await a.bus.publish('settings', 'channel-1');
        return got.includes('channel-1') && got.includes('a:channel-1');
      }, 'the message on both processes');
    });

    it('keeps working on per-process state while Redis is down, logs once, and returns to Redis', async () => {
      const own = await startRedisServer();
      const { logger, lines } = captureLogger();
      const state = await redisState(own.url, uniquePrefix(), logger);
      await own.stop();
      // Still limited, now by this process alone; no operation throws.
      expect(await state.cooldowns.take('down-user')).toEqual({ ok: true });
      expect((await state.cooldowns.take('down-user')).ok).toBe(false);
      await state.conversations.record('dm:x', [turn(1)]);
      expect(await state.conversations.history('dm:x')).toHaveLength(1);
      expect(await state.slots.tryAcquire(1)).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(lines().filter((line) => line.includes('redis is unreachable'))).toHaveLength(1);
      await own.start();
      await eventually(
        () => lines().some((line) => line.includes('redis is back')),
        'the recovery log',
        5000,
      );
      // Back on Redis: a fresh server has no cooldown for this user yet.
      expect(await state.cooldowns.take('down-user')).toEqual({ ok: true });
      await state.close();
      await own.stop();
    });
  },
);

describe('the shared limiter and the cache across shards (two processes on one bus)', () => {
  it('never runs more model calls at once than the global cap, across processes', async () => {
    const state = createMemorySharedState({ cooldownSeconds: 0, maxTurns: 1, maxAgeMs: 1000 });
    const local = () => createConcurrencyLimiter({ maxConcurrent: 4, maxQueued: 100 });
    const shard = () => createSharedLimiter({ local: local(), slots: state.slots, max: 3, maxWaitMs: 5000 });
    const [one, two] = [shard(), shard()];
    let running = 0;
    let peak = 0;
    const task = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? one : two).run(task)));
    expect(peak).toBe(3);
    const blocked = createSharedLimiter({ local: local(), slots: state.slots, max: 0, maxWaitMs: 50 });
    await expect(blocked.run(task)).rejects.toMatchObject({ code: 'busy' });
  });

  it('drops a cached record on every process when one process changes it', async () => {
    const state = createMemorySharedState({ cooldownSeconds: 0, maxTurns: 1, maxAgeMs: 1000 });
    const rows = new Map<string, { id: string; mode: string }>([['c1', { id: 'c1', mode: 'mention' }]]);
    let reads = 0;
    const database = {
      get: (id: string) => Promise.resolve(((reads += 1), rows.get(id))),
      set: (row: { id: string; mode: string }) => Promise.resolve(void rows.set(row.id, row)),
      list: () => Promise.resolve([...rows.values()]),
    };
    const options = { bus: state.bus, topic: 'channel-settings', keyOf: (row: { id: string }) => row.id };
    const [shardA, shardB] = [cacheAcrossShards(database, options), cacheAcrossShards(database, options)];
    expect((await shardA.get('c1'))?.mode).toBe('mention');
    expect((await shardA.get('c1'))?.mode).toBe('mention');
    expect(reads).toBe(1);
    await shardB.set({ id: 'c1', mode: 'every-message' });
    expect((await shardA.get('c1'))?.mode).toBe('every-message');
    expect(await shardA.list()).toHaveLength(1);
  });
});
