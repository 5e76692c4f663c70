import type { Logger } from '../logging/logger.js';
import { createMemorySharedState } from './memory-state.js';
import { createResilientState } from './resilient-state.js';
import type { SharedState, SharedStateOptions } from './types.js';

export type * from './types.js';
export { createMemorySharedState } from './memory-state.js';

/**
 * The shared state for this process: in memory when `redisUrl` is unset (one process, as before),
 * otherwise Redis with this process's memory as the fallback while Redis is unreachable. Never
 * waits for Redis: the bot starts, and answers, whether or not Redis is up yet.
 */
export async function createSharedState({
  redisUrl,
  logger,
  prefix = 'storybot:',
  ...options
}: SharedStateOptions & {
  readonly redisUrl?: string;
  readonly logger: Logger;
  readonly prefix?: string;
}): Promise<SharedState> {
  const fallback = createMemorySharedState(options);
  if (redisUrl === undefined) return fallback;
  // Loaded only when configured, like discord.js and openai.
  const [{ Redis }, { createRedisSharedState }] = await Promise.all([
    import('ioredis'),
    import('./redis-state.js'),
  ]);
  const client = new Redis(redisUrl, {
    // Fail fast instead of queueing: a question must not wait for Redis to come back.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1000,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
  });
  // Subscriptions wait in the queue until Redis is reachable, and are renewed after each reconnect.
  const subscriber = client.duplicate({
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    commandTimeout: undefined,
  });
  subscriber.on('error', () => undefined);
  const redis = createRedisSharedState({ client, subscriber, prefix }, options);
  return createResilientState({ client, redis, fallback, logger });
}
export { cacheAcrossShards, type CacheAcrossShardsOptions, type KeyedStore } from './shared-cache.js';
