import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import type { SharedState } from './types.js';

/**
 * Redis first, this process's memory while Redis is unreachable: the bot keeps answering with
 * per-process limits, says so once per outage, and goes back to Redis as soon as it is ready.
 * A failed Redis operation is retried on the fallback, so no question waits on a dead Redis.
 */
export function createResilientState({
  client,
  redis,
  fallback,
  logger,
}: {
  readonly client: Redis;
  readonly redis: SharedState;
  readonly fallback: SharedState;
  readonly logger: Logger;
}): SharedState {
  let down = false;
  let closing = false;
  const markDown = (error: unknown) => {
    if (down || closing) return;
    down = true;
    logger.warn(
      { err: error },
      'redis is unreachable: answering with per-process limits and memory until it returns',
    );
  };
  client.on('error', markDown);
  client.on('close', () => {
    if (client.status !== 'ready') markDown(new Error('connection closed'));
  });
  client.on('ready', () => {
    if (down) logger.info('redis is back: limits and memory are shared again');
    down = false;
  });

  const use = async <R>(op: (state: SharedState) => Promise<R>): Promise<R> => {
    if (client.status !== 'ready') return op(fallback);
    try {
      return await op(redis);
    } catch (error) {
      markDown(error);
      return op(fallback);
    }
  };

  return {
    kind: 'redis',
    get shared() {
      return client.status === 'ready';
    },
    cooldowns: { take: (userId) => use((s) => s.cooldowns.take(userId)) },
    tokens: {
      add: (day, tokens) => use((s) => s.tokens.add(day, tokens)),
      total: (day) => use((s) => s.tokens.total(day)),
      pause: (until) => use((s) => s.tokens.pause(until)),
      pausedUntil: () => use((s) => s.tokens.pausedUntil()),
    },
    slots: { tryAcquire: (max) => use((s) => s.slots.tryAcquire(max)) },
    conversations: {
      history: (key) => use((s) => s.conversations.history(key)),
      record: (key, turns) => use((s) => s.conversations.record(key, turns)),
    },
    answers: {
      remember: (id, context) => use((s) => s.answers.remember(id, context)),
      recall: (id) => use((s) => s.answers.recall(id)),
      vote: (id, userId) => use((s) => s.answers.vote(id, userId)),
      unvote: (id, userId) => use((s) => s.answers.unvote(id, userId)),
    },
    bus: {
      publish: (topic, message) => use((s) => s.bus.publish(topic, message)),
      subscribe(topic, handler) {
        // Both: messages travel through Redis when it is up, through memory (this process) when not.
        const offs = [redis.bus.subscribe(topic, handler), fallback.bus.subscribe(topic, handler)];
        return () => offs.forEach((off) => off());
      },
    },
    async close() {
      closing = true;
      await Promise.all([redis.close(), fallback.close()]);
    },
  };
}
