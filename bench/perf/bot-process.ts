import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FakeDiscord } from '../../tests/helpers/fake-discord/index.js';
import { ROOT } from '../lib/corpora.js';
import { round } from '../lib/stats.js';
import { isolatedEnv } from './process-start.js';

/** Event-loop delay inside the bot process over the measured window, and its memory. */
export interface BotLoopFigures {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly windowPeakRssMb: number;
  /** Resident memory when the window was first reset: logged in, idle after one warm-up question. */
  readonly idleRssMb?: number;
}

/** The real bot (`node dist/index.js` with DISCORD_TOKEN), logged in to the fake Discord. */
export interface BotProcess {
  /** From spawn to the fake's READY. */
  readonly readyMs: number;
  /** Starts a fresh event-loop window (after warm-up). */
  resetWindow(): void;
  /** SIGTERM, wait for a clean exit, and read the window's figures. */
  stop(): Promise<BotLoopFigures>;
}

export interface BotProcessOptions {
  readonly discord: FakeDiscord;
  readonly openaiBaseUrl: string;
  /** Temporary folder for the bot's var/ and cache (and the figures file). */
  readonly dir: string;
  readonly env?: Readonly<Record<string, string>>;
}

const waitExit = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/**
 * Spawns the built bot with a preload that records its event-loop delay, pointed at the fake
 * Discord and the fake OpenAI server, and waits until it is logged in.
 */
export async function startBotProcess(options: BotProcessOptions): Promise<BotProcess> {
  const { discord, dir } = options;
  const figuresFile = path.join(dir, `event-loop-${Date.now()}.json`);
  const env = isolatedEnv({
    DISCORD_TOKEN: discord.botToken,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    OPENAI_API_KEY: 'sk-bench-0000000000000000',
    OPENAI_BASE_URL: options.openaiBaseUrl,
    STORYBOT_VAR_DIR: dir,
    STORYBOT_CACHE_DIR: dir,
    BENCH_EVENT_LOOP_FILE: figuresFile,
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const preload = path.join(ROOT, 'bench', 'perf', 'event-loop-preload.mjs');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', preload, path.join(ROOT, 'dist', 'index.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await discord.waitForReady(30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`the bot did not log in to the fake Discord: ${output.slice(-1000)}`, { cause: error });
  }
  const readyMs = round(performance.now() - started, 1);
  return {
    readyMs,
    resetWindow: () => void child.kill('SIGUSR2'),
    async stop() {
      child.kill('SIGTERM');
      const code = await waitExit(child);
      if (code !== 0) throw new Error(`the bot exited with ${code}: ${output.slice(-1000)}`);
      return JSON.parse(await readFile(figuresFile, 'utf8')) as BotLoopFigures;
    },
  };
}
