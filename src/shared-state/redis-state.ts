import type { Redis } from 'ioredis';
import type { Turn } from '../domain/types.js';
import { createRedisSlots } from './redis-slots.js';
import type { AnswerContext, SharedState, SharedStateOptions } from './types.js';

const DAY_MS = 24 * 60 * 60_000;

/** The connections a Redis-backed state uses: commands, and a second one for subscriptions. */
export interface RedisConnections {
  readonly client: Redis;
  readonly subscriber: Redis;
  /** Key prefix, e.g. `storybot:`, so several bots can share one Redis. */
  readonly prefix: string;
}

function parseJson<T>(text: string | null): T | undefined {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** The bus over Redis pub/sub: one subscription per topic, handlers fanned out locally. */
function createRedisBus({ client, subscriber, prefix }: RedisConnections): SharedState['bus'] {
  const handlers = new Map<string, Set<(message: string) => void>>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const handler of handlers.get(channel) ?? []) handler(message);
  });
  // A subscription that failed while Redis was away is made again once it is back.
  subscriber.on('ready', () => {
    for (const channel of handlers.keys()) void subscriber.subscribe(channel).catch(() => undefined);
  });
  return {
    publish: async (topic, message) => void (await client.publish(`${prefix}bus:${topic}`, message)),
    subscribe(topic, handler) {
      const channel = `${prefix}bus:${topic}`;
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        void subscriber.subscribe(channel).catch(() => undefined);
      }
      set.add(handler);
      return () => void set.delete(handler);
    },
  };
}

/**
 * Shared state in Redis. Every key expires on its own (cooldowns, conversations, answers, day
 * counters), so Redis needs no cleanup job. Operations reject when Redis is unreachable; the
 * resilient wrapper turns that into per-process fallbacks.
 */
export function createRedisSharedState(
  connections: RedisConnections,
  options: SharedStateOptions,
): SharedState {
  const { client, prefix } = connections;
  const now = options.now ?? Date.now;
  const cooldownMs = options.cooldownSeconds * 1000;
  const answerTtlMs = options.answerTtlMs ?? 7 * DAY_MS;
  const k = (name: string) => `${prefix}${name}`;
  return {
    kind: 'redis',
    get shared() {
      return client.status === 'ready';
    },
    cooldowns: {
      async take(userId) {
        if (cooldownMs <= 0) return { ok: true };
        const key = k(`cooldown:${userId}`);
        if ((await client.set(key, '1', 'PX', cooldownMs, 'NX')) === 'OK') return { ok: true };
        const left = await client.pttl(key);
        return left > 0 ? { ok: false, retryAt: now() + left } : { ok: true };
      },
    },
    tokens: {
      async add(day, tokens) {
        const [[, total] = []] =
          (await client
            .multi()
            .incrby(k(`tokens:${day}`), tokens)
            .pexpire(k(`tokens:${day}`), 2 * DAY_MS)
            .exec()) ?? [];
        return Number(total ?? 0);
      },
      total: async (day) => Number((await client.get(k(`tokens:${day}`))) ?? 0),
      async pause(until) {
        const ms = until - now();
        if (ms > 0) await client.set(k('quota-pause'), String(until), 'PX', ms);
      },
      pausedUntil: async () => Number((await client.get(k('quota-pause'))) ?? 0),
    },
    slots: createRedisSlots(client, k('slots'), options.leaseMs ?? 10_000),
    conversations: {
      async history(key) {
        const items = await client.lrange(k(`conversation:${key}`), 0, -1);
        return items.map((item) => parseJson<Turn>(item)).filter((turn) => turn !== undefined);
      },
      async record(key, turns) {
        if (options.maxTurns === 0 || turns.length === 0) return;
        const list = k(`conversation:${key}`);
        await client
          .multi()
          .rpush(list, ...turns.map((turn) => JSON.stringify(turn)))
          .ltrim(list, -options.maxTurns, -1)
          .pexpire(list, options.maxAgeMs)
          .exec();
      },
    },
    answers: {
      remember: async (messageId, context) =>
        void (await client.set(k(`answer:${messageId}`), JSON.stringify(context), 'PX', answerTtlMs)),
      recall: async (messageId) => parseJson<AnswerContext>(await client.get(k(`answer:${messageId}`))),
      async vote(messageId, userId) {
        const key = k(`votes:${messageId}`);
        const [[, added] = []] =
          (await client.multi().sadd(key, userId).pexpire(key, answerTtlMs).exec()) ?? [];
        return added === 1;
      },
      unvote: async (messageId, userId) => void (await client.srem(k(`votes:${messageId}`), userId)),
    },
    bus: createRedisBus(connections),
    async close() {
      connections.subscriber.disconnect();
      await client.quit().catch(() => client.disconnect());
    },
  };
}
