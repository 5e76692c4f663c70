import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import type { Logger } from '../../logging/logger.js';

export interface ShardRunOptions {
  /** The entry script each shard process runs (this package's dist/index.js, with `start`). */
  readonly script: string;
  readonly token: string;
  /** STORYBOT_SHARDS: a number, or 'auto' for Discord's recommendation. */
  readonly shards: number | 'auto';
  /** Pause between shard starts (Discord's identify rate limit). */
  readonly spawnDelayMs: number;
  /** DISCORD_API_URL: Discord, a shared REST proxy, or the test double. */
  readonly restApi?: string;
  readonly logger: Logger;
}

/** Discord's recommended shard count, from GET /gateway/bot (through the configured REST base). */
export async function recommendedShards(token: string, restApi?: string): Promise<number> {
  const rest = new REST(restApi !== undefined ? { api: restApi } : {}).setToken(token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, shards);
}

function watch(shard: Shard, logger: Logger, restarting: () => boolean): void {
  const log = logger.child({ shard: shard.id });
  shard.on('spawn', () => log.info('shard process started'));
  shard.on('ready', () => log.info('shard ready'));
  shard.on('death', (child) => {
    const code = 'exitCode' in child ? child.exitCode : undefined;
    if (restarting()) log.warn({ code }, 'shard process exited; restarting it');
    else log.info({ code }, 'shard process exited');
  });
  shard.on('error', (error) => log.error({ err: error }, 'shard error'));
}

/**
 * Runs the bot as shards: one process per shard (discord.js ShardingManager), each loading the
 * engine once and sharing state through Redis. A shard that dies is started again. On SIGINT or
 * SIGTERM every shard is asked to stop (each finishes its questions in progress) and awaited.
 */
export async function runShards(options: ShardRunOptions): Promise<number> {
  const { logger } = options;
  const total =
    options.shards === 'auto' ? await recommendedShards(options.token, options.restApi) : options.shards;
  const manager = new ShardingManager(options.script, {
    totalShards: total,
    token: options.token,
    mode: 'process',
    respawn: true,
    shardArgs: ['start'],
    execArgv: process.execArgv,
  });
  manager.on('shardCreate', (shard) => watch(shard, logger, () => manager.respawn));
  logger.info({ shards: total }, 'starting shards');
  const stopping = new Promise<string>((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => resolve(name));
  });
  const spawned = manager.spawn({ amount: total, delay: options.spawnDelayMs, timeout: 60_000 });
  const first = await Promise.race([spawned.then(() => undefined), stopping]);
  spawned.catch(() => undefined); // a start cut short by the signal is not an error
  if (first === undefined) logger.info({ shards: total }, 'all shards are online');
  const signal = first ?? (await stopping);
  logger.info({ signal }, 'stopping shards: each finishes the questions in progress');
  manager.respawn = false;
  await Promise.all(
    manager.shards.map(
      (shard) =>
        new Promise<void>((resolve) => {
          const child = shard.process;
          const exited = child?.exitCode !== null || child.signalCode !== null;
          if (exited) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  return 0;
}
