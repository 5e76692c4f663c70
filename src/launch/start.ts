import { fileURLToPath } from 'node:url';
import type { Setup } from './setup.js';

/**
 * `storybot` / `storybot start`: the Discord bot when DISCORD_TOKEN is set (as shard processes with
 * STORYBOT_SHARDS), otherwise the console. Each loads its own modules: the console never loads discord.js.
 */
export async function launch(setup: Setup, _argv: readonly string[], entry: string): Promise<number> {
  const { config } = setup;
  if (!setup.bot) return (await import('./console.js')).launch(setup);
  // discord.js sets SHARDING_MANAGER in the shard processes it starts; this process only starts and watches them.
  if (config.STORYBOT_SHARDS !== undefined && process.env.SHARDING_MANAGER === undefined) {
    const { runShards } = await import('../discord/runtime/run-shards.js');
    return runShards({
      script: fileURLToPath(entry),
      token: config.DISCORD_TOKEN ?? '',
      shards: config.STORYBOT_SHARDS,
      spawnDelayMs: config.STORYBOT_SHARD_SPAWN_DELAY_MS,
      logger: setup.logger,
      ...(config.DISCORD_API_URL && { restApi: config.DISCORD_API_URL }),
    });
  }
  return (await import('./bot.js')).launch(setup);
}
