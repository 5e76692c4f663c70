import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging/logger.js';
import { openRecords } from '../src/storage/records.js';
import { ROOT } from './helpers/engine.js';

const RUNS = 4;
const QUESTIONS = 200;
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** One `storybot ask --batch` killed with SIGKILL at a random moment after its first answer. */
async function killedRun(varDir: string, run: number): Promise<string[]> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/index.js'), 'ask', '--batch'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', OPENAI_API_KEY: '', DISCORD_TOKEN: '', STORYBOT_VAR_DIR: varDir },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let stdout = '';
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.stdout.on('data', (chunk: Buffer) => {
    const first = stdout === '';
    stdout += chunk.toString();
    // Somewhere between the first answer and the end of the batch, without warning.
    if (first) setTimeout(() => child.kill('SIGKILL'), Math.random() * 500);
  });
  const lines = Array.from({ length: QUESTIONS }, (_, i) =>
    JSON.stringify({ question: `What did the United States shelve, and why? (run ${run}, question ${i})` }),
  );
  child.stdin.end(`${lines.join('\n')}\n`);
  await closed;
  // Only whole lines were printed answers; a line cut by the kill was never shown.
  return stdout
    .split('\n')
    .slice(0, -1)
    .map((line) => (JSON.parse(line) as { question: string }).question);
}

describe('a killed ask process loses no printed answer (issue 17)', () => {
  it(`every answer printed before kill -9 is in the records database (${RUNS} runs)`, async () => {
    const varDir = await mkdtemp(path.join(tmpdir(), 'storybot-kill-'));
    dirs.push(varDir);
    const printed: string[] = [];
    for (let run = 0; run < RUNS; run += 1) printed.push(...(await killedRun(varDir, run)));
    const records = await openRecords({
      varDir,
      storeDmText: false,
      retentionDays: 0,
      logger: createLogger({ level: 'silent' }),
    });
    const rows = await records.client.execute('SELECT question FROM questions');
    records.close();
    const stored = new Set(rows.rows.map((row) => (typeof row.question === 'string' ? row.question : '')));
    const lost = printed.filter((question) => !stored.has(question));
    console.info(
      `kill -9 test: ${printed.length} answers printed in ${RUNS} killed runs, ${lost.length} lost`,
    );
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.length).toBeLessThan(RUNS * QUESTIONS);
    expect(lost).toEqual([]);
  }, 120_000);
});
