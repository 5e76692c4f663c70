import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SharedSlots, SlotLease } from './types.js';

// Scores are lease expiry times from Redis's own clock, so machines with skewed clocks agree.
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** Drops expired leases (dead processes), then takes a slot if fewer than ARGV[1] are held. */
const ACQUIRE = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

/** Extends a lease that is still held. */
const RENEW = `${NOW}
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  return 1
end
return 0`;

/**
 * The global model-call semaphore: a sorted set of leases scored by expiry. A live holder renews
 * its lease every third of `leaseMs`; a process that dies stops renewing, and its slots free
 * themselves within `leaseMs`.
 */
export function createRedisSlots(client: Redis, key: string, leaseMs: number): SharedSlots {
  return {
    async tryAcquire(max) {
      const id = randomUUID();
      const taken = await client.eval(ACQUIRE, 1, key, max, leaseMs, id);
      if (taken !== 1) return undefined;
      const renew = setInterval(
        () => void client.eval(RENEW, 1, key, leaseMs, id).catch(() => undefined),
        Math.max(50, Math.floor(leaseMs / 3)),
      );
      renew.unref();
      let released = false;
      const lease: SlotLease = {
        async release() {
          if (released) return;
          released = true;
          clearInterval(renew);
          // Unreachable Redis: the lease expires on its own.
          await client.zrem(key, id).catch(() => undefined);
        },
      };
      return lease;
    },
  };
}
