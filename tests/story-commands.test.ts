import { cp, mkdtemp, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AnswerJson } from '../src/cli/to-json.js';
import { DATA_DIR, ROOT } from './helpers/engine.js';
import { runStorybot } from './helpers/spawn-cli.js';

const SHIPPED = 'us-shelves-mss-sanctions';
const PAGE = path.join(ROOT, 'tests/fixtures/pages/sites/bbc.html');
let dataDir: string;
let env: Record<string, string>;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-stories-'));
  await cp(DATA_DIR, dataDir, { recursive: true });
  env = { STORYBOT_DATA_DIR: dataDir, STORYBOT_VAR_DIR: await mkdtemp(path.join(tmpdir(), 'storybot-var-')) };
});

const addPage = async () => {
  const run = await runStorybot(['add', PAGE, '--id', 'buses'], { env });
  expect(run.code).toBe(0);
};

describe('storybot list', () => {
  it('lists each story with its id, title, source, paragraphs and who added it', async () => {
    await addPage();
    const run = await runStorybot(['list'], { env });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+PARAGRAPHS\s+ADDED BY\s+SOURCE\s+TITLE$/);
    expect(lines.find((line) => line.startsWith('buses '))).toMatch(
      /^buses\s+5\s+cli\s+Broadcast News\s+Cardiff bus drivers accept pay deal, ending strikes$/,
    );
    expect(lines.find((line) => line.startsWith(SHIPPED))).toMatch(/\sdata folder\s/);
    expect(lines.at(-1)).toBe('2 stories');
    const json = await runStorybot(['list', '--json'], { env });
    expect(JSON.parse(json.stdout)).toContainEqual({
      id: 'buses',
      title: 'Cardiff bus drivers accept pay deal, ending strikes',
      source: 'Broadcast News',
      paragraphs: 5,
      addedBy: 'cli',
    });
  });
});

describe('storybot remove', () => {
  it('removes a story with its files, names the ids for an unknown one, and keeps the last story', async () => {
    await addPage();
    const unknown = await runStorybot(['remove', 'nope'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no story "nope". The stories are:');
    expect(unknown.stderr).toContain('  buses  Cardiff bus drivers');
    expect(unknown.stderr).toContain(`  ${SHIPPED}  `);

    const removed = await runStorybot(['remove', 'buses'], { env });
    expect(removed.stderr).toBe('');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed "Cardiff bus drivers accept pay deal, ending strikes" (buses)');
    expect((await readdir(dataDir)).filter((name) => name.startsWith('buses'))).toEqual([]);
    expect((await runStorybot(['list'], { env })).stdout).not.toContain('buses');

    const last = await runStorybot(['remove', SHIPPED], { env });
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('is the only story');
    expect(existsSync(path.join(dataDir, `${SHIPPED}.txt`))).toBe(true);
  });
});

describe('storybot ask with several stories', () => {
  it('lists the ids and exits 2 asking for --story, in text and in JSON', { timeout: 60_000 }, async () => {
    await addPage();
    const text = await runStorybot(['ask', 'What happened?'], { env });
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('Ask again with --story and one of these ids:');
    expect(text.stderr).toContain('  buses  Cardiff bus drivers accept pay deal, ending strikes');
    expect(text.stderr).toContain(`  ${SHIPPED}  `);
    expect(text.stdout).not.toContain('Type the number');

    const json = await runStorybot(['ask', '--json', 'What happened?'], { env });
    expect(json.code).toBe(2);
    const answer = JSON.parse(json.stdout) as AnswerJson;
    expect(answer.choices?.map((choice) => choice.id).sort()).toEqual(['buses', SHIPPED]);

    const chosen = await runStorybot(['ask', '--story', 'buses', 'What happened?'], { env });
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain('Cardiff');

    const unknown = await runStorybot(['ask', '--story', 'nope', 'What happened?'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nope');
  });

  it('names the line of each batch error', async () => {
    const input = ['What is Salt Typhoon?', '', '{"question": 3}', 'not json {', '{oops'].join('\n');
    const run = await runStorybot(['ask', '--batch'], { input, env });
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { line?: number; error?: string });
    expect(lines.filter((line) => line.error).map((line) => [line.line, line.error])).toEqual([
      [3, 'Line 3: A JSON line needs a "question" string.'],
      [5, 'Line 5: It is not valid JSON.'],
    ]);
  });
});
