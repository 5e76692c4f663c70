import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../lib/corpora.js';
import { WORKER_RESULT } from './memory.js';

/**
 * Runs a benchmark worker (a TypeScript file under bench/) in a fresh Node process with the
 * garbage collector exposed, and returns the JSON it prints on its result line.
 */
export function runWorker<T>(file: string, args: readonly string[], timeoutMs = 600_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join(ROOT, file), ...args],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((entry) => entry.startsWith(WORKER_RESULT));
      if (code !== 0 || !line)
        return reject(new Error(`${file} exited with ${code}: ${stderr.trim().slice(-2000)}`));
      resolve(JSON.parse(line.slice(WORKER_RESULT.length)) as T);
    });
  });
}
