import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './engine.js';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Every variable storybot reads, blank, so a developer's .env or shell cannot leak into a test. */
const BLANK_ENV = Object.fromEntries(
  [
    'OPENAI_API_KEY',
    'OPENAI_BASE_URL',
    'DISCORD_TOKEN',
    'DISCORD_APPLICATION_ID',
    'DISCORD_GUILD_ID',
    'DISCORD_API_URL',
    'LOG_LEVEL',
    'DATABASE_URL',
    'DATABASE_AUTH_TOKEN',
    'STORE_DM_TEXT',
  ].map((name) => [name, '']),
);

/** Records go to a fresh folder per test file unless a test names one, never to the repository's var/. */
const VAR_DIR = mkdtempSync(path.join(tmpdir(), 'storybot-cli-var-'));

/** Runs the built storybot (dist/index.js) as a user would, feeding `input` on stdin. */
export function runStorybot(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/index.js'), ...args], {
      cwd: ROOT,
      // The second opinion (on by default with a key) is tested on its own; here one call is one answer.
      env: {
        PATH: process.env.PATH ?? '',
        ...BLANK_ENV,
        GROUNDING_CHECK: 'code',
        STORYBOT_VAR_DIR: VAR_DIR,
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
