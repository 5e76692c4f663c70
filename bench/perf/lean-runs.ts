import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../lib/corpora.js';
import { round, summarize } from '../lib/stats.js';

/** One run of the built storybot in a fresh process. */
export interface ProcessRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly stdout: string;
}

const PRELOAD = path.join(ROOT, 'bench', 'perf', 'usage-preload.mjs');

/**
 * Runs `node dist/index.js <args>` (stdin from `input`) in `root` (this checkout unless another
 * is compared), timing it and reading its CPU time and peak memory.
 */
export async function runStorybot(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  input = '',
  root = ROOT,
): Promise<ProcessRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-usage-'));
  const file = path.join(dir, 'usage.json');
  try {
    const started = performance.now();
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', PRELOAD, path.join(root, 'dist', 'index.js'), ...args],
        {
          cwd: root,
          env: { ...env, BENCH_USAGE_FILE: file },
          stdio: 'pipe',
        },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', reject);
      child.on('close', (exit) => resolve({ code: exit, stdout: out, stderr: err }));
      child.stdin.end(input);
    });
    const wallMs = round(performance.now() - started, 1);
    if (code !== 0) throw new Error(`storybot ${args.join(' ')} exited with ${code}: ${stderr.slice(-800)}`);
    const usage = JSON.parse(await readFile(file, 'utf8')) as { cpuMs: number; peakRssMb: number };
    return { wallMs, cpuMs: round(usage.cpuMs, 1), peakRssMb: round(usage.peakRssMb, 1), stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The median of each measure over several runs. */
export function mediansOf(runs: readonly ProcessRun[]): { wallMs: number; cpuMs: number; peakRssMb: number } {
  const median = (values: readonly number[]) => round(summarize(values).median, 1);
  return {
    wallMs: median(runs.map((run) => run.wallMs)),
    cpuMs: median(runs.map((run) => run.cpuMs)),
    peakRssMb: median(runs.map((run) => run.peakRssMb)),
  };
}
