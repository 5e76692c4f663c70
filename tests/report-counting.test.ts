import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR, ROOT } from './helpers/engine.js';
import { runStorybot } from './helpers/spawn-cli.js';

const SHIPPED = 'us-shelves-mss-sanctions';
let env: Record<string, string>;
let out: string;
const LONG = 'x'.repeat(300);

// Two stories; one vague question waits for a story choice, two name their story.
beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-count-'));
  out = await mkdtemp(path.join(tmpdir(), 'storybot-count-out-'));
  await cp(DATA_DIR, dataDir, { recursive: true });
  env = { STORYBOT_DATA_DIR: dataDir, STORYBOT_VAR_DIR: await mkdtemp(path.join(tmpdir(), 'storybot-var-')) };
  const page = path.join(ROOT, 'tests/fixtures/pages/sites/bbc.html');
  expect((await runStorybot(['add', page, '--id', 'buses'], { env })).code).toBe(0);
  expect((await runStorybot(['ask', 'What happened?'], { env })).code).toBe(2);
  expect((await runStorybot(['ask', '--story', 'buses', 'What did the union say?'], { env })).code).toBe(0);
  expect((await runStorybot(['ask', '--story', 'buses', `Why ${LONG}?`], { env })).code).toBe(0);
}, 120_000);

describe('storybot report counts right', () => {
  it('records a question waiting for a story choice as such, under no story', async () => {
    const run = await runStorybot(['report'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('== buses: Cardiff bus drivers accept pay deal, ending strikes');
    expect(run.stdout).toMatch(/== buses[^\n]*\nQuestions: 2 \(/);
    expect(run.stdout).not.toContain(`== ${SHIPPED}`);
    expect(run.stdout).toContain('== Waiting for a story choice: 1');
    expect(run.stdout).toMatch(/"What happened\?"/);
  });

  it('refuses an unknown --story with exit 2 and the ids, and a future --since', async () => {
    const unknown = await runStorybot(['report', '--story', 'nope'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no story "nope". The stories are:');
    expect(unknown.stderr).toContain('  buses  Cardiff bus drivers');
    const future = await runStorybot(['report', '--since', '2999-01-01'], { env });
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('--since 2999-01-01 is in the future');
  });

  it('says what failed when the HTML file cannot be written', async () => {
    const file = path.join(out, 'missing-folder', 'report.html');
    const run = await runStorybot(['report', '--html', file], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `The HTML report could not be written to ${file} (ENOENT: its folder does not exist).`,
    );
    expect(run.stderr).not.toContain('could not start');
  });

  it('writes HTML that wraps long words and labels its emoji in words', async () => {
    const file = path.join(out, 'report.html');
    expect((await runStorybot(['report', '--html', file], { env })).code).toBe(0);
    const html = await readFile(file, 'utf8');
    expect(html).toContain('overflow-wrap:anywhere');
    expect(html).toContain('👎 thumbs down');
    expect(html).toContain('Waiting for a story choice: 1');
  });
});
