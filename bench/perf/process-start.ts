import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../lib/corpora.js';
import { round } from '../lib/stats.js';

/** One start of the real storybot process. */
export interface ProcessStart {
  /** From spawning `node dist/index.js` to the console's first prompt. */
  readonly readyMs: number;
  /** Resident memory when ready, and the peak so far (from /proc; null elsewhere). */
  readonly rssMb: number | null;
  readonly peakRssMb: number | null;
}

async function procMemory(
  pid: number | undefined,
): Promise<{ rssMb: number | null; peakRssMb: number | null }> {
  const status = pid === undefined ? '' : await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const field = (name: string) => {
    const kb = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
    return kb === undefined ? null : round(Number(kb) / 1024, 1);
  };
  return { rssMb: field('VmRSS'), peakRssMb: field('VmHWM') };
}

/**
 * The environment a measured process gets: no inherited secrets, and every key the bot reads
 * set explicitly, so a developer's .env (which never overrides set variables) cannot reach a real API.
 */
export function isolatedEnv(extra: Readonly<Record<string, string>>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
    DISCORD_TOKEN: '',
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

/** Starts the built bot in console mode, waits for its prompt, then quits it with /quit. */
export function startConsole(
  env: Readonly<Record<string, string>>,
  timeoutMs = 60_000,
): Promise<ProcessStart> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'index.js')], {
      cwd: ROOT,
      env: { ...env },
      stdio: 'pipe',
    });
    let output = '';
    let result: ProcessStart | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (result || !output.includes('you> ')) return;
      const readyMs = round(performance.now() - started, 1);
      void procMemory(child.pid).then((memory) => {
        result = { readyMs, ...memory };
        child.stdin.end('/quit\n');
      });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`storybot exited (${code}) before its prompt: ${output.slice(-1000)}`));
    });
  });
}

/** Runs `storybot ask "<question>" --json` once, timing the whole process: start, load, answer, exit. */
export function askOnce(
  env: Readonly<Record<string, string>>,
  question: string,
  timeoutMs = 60_000,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'index.js'), 'ask', question, '--json'], {
      cwd: ROOT,
      env: { ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(round(performance.now() - started, 1));
      else reject(new Error(`storybot ask exited with ${code}: ${output.slice(-1000)}`));
    });
  });
}
