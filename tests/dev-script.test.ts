import { spawn } from 'node:child_process';
import { readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/engine.js';

const script = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts.dev;

describe('npm run dev', () => {
  it('keeps console input across a restart', { timeout: 120_000 }, async () => {
    const [command, ...args] = (script ?? '').split(' ');
    expect(command).toBe('node');
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        OPENAI_API_KEY: '',
        DISCORD_TOKEN: '',
        STORYBOT_VAR_DIR: 'var/test-dev',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    const seen = (text: string, from = 0) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${text}" in:\n${stdout}`)), 90_000);
        const check = () => {
          if (!stdout.includes(text, from)) return;
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve();
        };
        child.stdout.on('data', check);
        check();
      });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      await seen('you> ');
      const before = stdout.length;
      // A saved file restarts the program; the console must still read what is typed next.
      const touched = path.join(ROOT, 'src/cli/route.ts');
      const now = new Date();
      utimesSync(touched, now, now);
      await seen('storybot console:', before);
      await seen('you> ', stdout.indexOf('storybot console:', before));
      child.stdin.write('What is Salt Typhoon?\n');
      await seen('Sources:', before);
      child.stdin.write('/quit\n');
      await seen('Bye.', before);
      expect(stdout).not.toContain('Return key');
    } finally {
      child.kill();
    }
  });
});
