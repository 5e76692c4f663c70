import { runBot } from '../discord/runtime/run-bot.js';
import { createRuntime } from '../engine/create-runtime.js';
import { createSharedState } from '../shared-state/create-shared-state.js';
import type { Setup } from './setup.js';

/** Resolves with the signal's name when the process is asked to stop. */
function stopRequested(): Promise<string> {
  return new Promise((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => resolve(name));
    // A shard whose manager died stops too, instead of living on beside the shards of a new manager.
    if (process.env.SHARDING_MANAGER !== undefined) process.once('disconnect', () => resolve('manager gone'));
  });
}

/** The Discord bot (or one shard of it): the runtime with Redis-backed shared state when REDIS_URL is set. */
export async function launch(setup: Setup): Promise<number> {
  const { config, logger, root } = setup;
  const shared = await createSharedState({
    ...(config.REDIS_URL && { redisUrl: config.REDIS_URL }),
    prefix: config.REDIS_PREFIX,
    logger,
    cooldownSeconds: config.USER_COOLDOWN_SECONDS,
    maxTurns: config.CONVERSATION_MAX_TURNS,
    maxAgeMs: config.CONVERSATION_MAX_AGE_MINUTES * 60_000,
  });
  // DMs and servers are told apart by the asker each Discord event names.
  const runtime = await createRuntime(config, {
    root,
    logger,
    shared,
    watch: config.STORYBOT_WATCH_DATA,
    asker: { channelKind: 'server' },
  });
  try {
    return await runBot(runtime, { stopRequested: stopRequested(), stderr: setup.io.stderr });
  } finally {
    await runtime.close();
  }
}
