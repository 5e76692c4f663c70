import { loadavg } from 'node:os';
import { redisAvailable, REDIS_SKIP_REASON } from '../tests/helpers/redis-server.js';
import { measureShards, type ShardFigures } from './perf/shards.js';
import { shardTable } from './perf/report.js';
import { distProblem } from './perf/startup.js';

/** `npm run bench:shards`: the sharding section of `npm run bench` alone. */
export async function runShardBench(say: (text: string) => void): Promise<ShardFigures[]> {
  const dist = await distProblem();
  if (dist) return (say(`\nShards skipped: ${dist}`), []);
  if (!redisAvailable) return (say(`\nShards skipped: ${REDIS_SKIP_REASON}`), []);
  const figures: ShardFigures[] = [];
  for (const shards of [1, 2, 4]) figures.push(await measureShards(shards));
  say(
    `\nShards (real bot processes, one Redis, 200 users in 20 servers asking at once, fake model 200 ms, load average ${loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')}):\n${shardTable(figures)}`,
  );
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runShardBench((text) => process.stdout.write(`${text}\n`)).catch((error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
