import { readFileSync } from 'node:fs';
import { appendFile, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATA_DIR } from './helpers/engine.js';
import { startInteractive, type InteractiveRun } from './helpers/interactive-cli.js';
import { startPageServer, type PageServer } from './helpers/page-server.js';
import { runStorybot } from './helpers/spawn-cli.js';

let server: PageServer;
let dataDir: string;
let varDir: string;
let bot: InteractiveRun;

const env = () => ({
  STORYBOT_DATA_DIR: dataDir,
  STORYBOT_VAR_DIR: varDir,
  STORYBOT_ALLOW_PRIVATE_URLS: 'true',
  LOG_LEVEL: 'info',
});

/** Asks through the console until the answer matches (the re-index runs in the background). */
async function askUntil(question: string, pattern: RegExp, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const from = bot.stdout().length;
    bot.write(question);
    await bot.waitFor(/you> $/, { from });
    if (pattern.test(bot.stdout().slice(from))) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`never answered: ${bot.stdout().slice(from)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  server = await startPageServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-live-data-'));
  varDir = await mkdtemp(path.join(tmpdir(), 'storybot-live-var-'));
  await cp(DATA_DIR, dataDir, { recursive: true });
  bot = startInteractive([], env());
  await bot.waitFor(/you> /);
});
afterEach(async () => {
  await bot.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(varDir, { recursive: true, force: true });
});

// The console writes its log to a file (var/storybot.log), so it never lands in the chat.
const consoleLog = () => {
  try {
    return readFileSync(path.join(varDir, 'storybot.log'), 'utf8');
  } catch {
    return '';
  }
};

describe('stories added while storybot runs', () => {
  it('answers from a story added by link, without a restart', async () => {
    const added = await runStorybot(['add', `${server.origin}/news`], { env: env() });
    expect(added.code).toBe(0);
    await askUntil('When does construction of the new sea wall begin?', /due to begin in April/);
    bot.write('/help');
    await bot.waitFor(/Harbourview votes to rebuild its sea wall/);
  });

  it('loads a file dropped into the data folder only once it is complete, and forgets a deleted one', async () => {
    const file = path.join(dataDir, 'ferry.txt');
    const paragraph = (n: number) =>
      `Paragraph ${n}: the island ferry will sail every forty minutes from Monday, the operator Wadden Lines said.`;
    await writeFile(file, `Island ferry timetable changes\n\n${paragraph(1)}\n\n`);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await appendFile(
      file,
      `${paragraph(2)}\n\nThe last crossing of the day will leave the harbour at 23:40.\n`,
    );
    await askUntil('When will the last ferry crossing of the day leave?', /23:40/);
    const loaded = consoleLog().match(/"id":"ferry"[^\n]*"msg":"story (added|updated)"/g) ?? [];
    expect(loaded).toHaveLength(1);
    expect(loaded[0]).toContain('"paragraphs":3');
    await writeFile(path.join(dataDir, '.ferry-2.txt.tmp'), 'half a story');

    await rm(file);
    const deadline = Date.now() + 10_000;
    while (!consoleLog().includes('"msg":"story removed"') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const from = bot.stdout().length;
    bot.write('/help');
    await bot.waitFor(/Commands:/, { from });
    expect(bot.stdout().slice(from)).not.toContain('Island ferry');
    expect(consoleLog()).not.toContain('ferry-2');
  });
});
