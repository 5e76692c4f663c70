import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './engine.js';

/** A storybot process kept running, fed lines one at a time. */
export interface InteractiveRun {
  readonly stdout: () => string;
  readonly stderr: () => string;
  write(line: string): void;
  /** Resolves when `pattern` appears in stdout (searched from `from`), or rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, options?: { timeoutMs?: number; from?: number }): Promise<string>;
  /** Ends stdin and resolves with the exit code. */
  close(): Promise<number | null>;
}

/** Starts the built storybot with a clean environment (plus `env`) and stdin left open. */
export function startInteractive(args: readonly string[], env: Record<string, string>): InteractiveRun {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/index.js'), ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      OPENAI_API_KEY: '',
      DISCORD_TOKEN: '',
      GROUNDING_CHECK: 'code',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    write: (line) => child.stdin.write(`${line}\n`),
    async waitFor(pattern, { timeoutMs = 15_000, from = 0 } = {}) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const match = pattern.exec(stdout.slice(from));
        if (match) return match[0];
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`timed out waiting for ${String(pattern)}; stdout:\n${stdout}\nstderr:\n${stderr}`);
    },
    close() {
      child.stdin.end();
      return exited;
    },
  };
}
