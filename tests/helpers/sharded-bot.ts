import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './engine.js';

/** The real storybot started as `STORYBOT_SHARDS=…` (discord.js ShardingManager plus one process per shard). */
export interface ShardedBot {
  readonly manager: ChildProcess;
  /** Everything the manager and its shards logged so far. */
  output(): string;
  /** The pid of the process running `shard` right now (undefined while it is restarting). */
  shardPid(shard: number): Promise<number | undefined>;
  /** SIGTERM to the manager (which stops every shard); resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** Pids of the manager's child processes, with the shard ids each was given (SHARDS in its environment). */
async function shardProcesses(managerPid: number): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(path.join('/proc', entry, 'stat'), 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== managerPid) continue;
      const environ = await readFile(path.join('/proc', entry, 'environ'), 'utf8');
      const shards = /(?:^|\0)SHARDS=\[?(\d+)/.exec(environ)?.[1];
      if (shards !== undefined) found.set(Number(shards), Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Starts `node dist/index.js start` with `env` (which should set STORYBOT_SHARDS). */
export function startShardedBot(env: Record<string, string>): ShardedBot {
  const manager = spawn(process.execPath, [path.join(ROOT, 'dist/index.js'), 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  manager.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  manager.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => manager.on('exit', (code) => resolve(code)));
  // A test that times out never reaches stop(): the manager goes with the test process, and its
  // shards follow when their channel to it closes.
  const orphan = () => manager.kill('SIGKILL');
  process.once('exit', orphan);
  manager.once('exit', () => process.off('exit', orphan));
  return {
    manager,
    output: () => output,
    shardPid: async (shard) => (await shardProcesses(manager.pid ?? -1)).get(shard),
    async stop() {
      if (manager.exitCode === null) manager.kill('SIGTERM');
      return exited;
    },
  };
}
