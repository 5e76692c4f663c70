import { copyFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectIntent } from '../src/answering/intents/intents.js';
import { DATA_DIR, ROOT } from './helpers/engine.js';
import { runStorybot } from './helpers/spawn-cli.js';

const STORY = path.join(DATA_DIR, 'us-shelves-mss-sanctions.txt');
// A second story of our own, so a vague question has two stories to choose from.
const HARBOUR = `Harbour bridge reopens after repairs

The harbour bridge reopened to traffic on Monday after eight months of repairs, the city council said.

Engineers replaced the corroded cables and resurfaced the deck at a cost of 40 million euros.
`;
const TIMEWARNER = path.resolve(ROOT, '../shared/corpora/bbc/business/001.txt');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-intents-'));
  await copyFile(STORY, path.join(dir, 'sanctions.txt'));
  await writeFile(path.join(dir, 'harbour.txt'), HARBOUR);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('reader intents, decided before retrieval', () => {
  it('tells summaries, greetings and thanks from questions about the story', () => {
    expect(detectIntent('What happened?')).toBe('summary');
    expect(detectIntent('tl;dr?')).toBe('summary');
    expect(detectIntent('Can you give me a quick summary?')).toBe('summary');
    expect(detectIntent('What happened to the proposed export controls?')).toBe('question');
    expect(detectIntent('Summarise what the analysts said')).toBe('question');
    expect(detectIntent('hi')).toBe('greeting');
    expect(detectIntent('thanks!')).toBe('thanks');
    expect(detectIntent('who are you?')).toBe('about-bot');
    expect(detectIntent('What can you do?')).toBe('capabilities');
  });

  it('answers "What happened?" from the lead, and "hi" with three questions, without a key', async () => {
    const summary = await runStorybot(['ask', '--json', 'What happened?']);
    const answer = JSON.parse(summary.stdout) as {
      mode: string;
      intent: string;
      citations: { paragraph: number }[];
    };
    expect(answer.intent).toBe('summary');
    expect(answer.mode).toBe('extractive');
    expect(answer.citations[0]?.paragraph).toBe(1);

    const hello = await runStorybot(['ask', 'hi']);
    expect(hello.code).toBe(0);
    expect(hello.stdout).toMatch(/You could ask:/);
    expect(hello.stdout.match(/^• /gm)).toHaveLength(3);
    expect(hello.stdout).not.toMatch(/doesn't cover/);
  });

  it('asks which story a vague question is about, and answers the number typed next', async () => {
    const run = await runStorybot([], {
      input: ['What happened?', '2', 'Why?', '/quit'].join('\n'),
      env: { STORYBOT_DATA_DIR: dir },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /Which story do you mean\?\n1\. Harbour bridge reopens after repairs\n2\. U\.S\. Shelves/,
    );
    expect(run.stdout).toMatch(/Type the number of the story/);
    // "2" answers "What happened?" for the sanctions story, from its lead.
    expect(run.stdout).toMatch(/The United States has halted plans to impose sanctions/);
  });

  it('answers JSON with intent clarify-story and the story choices', async () => {
    const run = await runStorybot(['ask', '--json', 'Summarize the story'], {
      env: { STORYBOT_DATA_DIR: dir },
    });
    const answer = JSON.parse(run.stdout) as { intent: string; choices: { id: string; title: string }[] };
    expect(answer.intent).toBe('clarify-story');
    expect(answer.choices.map((choice) => choice.id)).toEqual(['harbour', 'sanctions']);
  });
});

describe('--story timewarner "How much did profits rise?"', () => {
  // It was declined ("rose" did not match "rise"). Now it is answered with a profit figure; the lead's
  // "jumped 76%" needs "jump" = "rise", a synonym no lexical method knows (see bench/RESULTS.md).
  it('answers with a sentence giving how much profit rose, not a decline', async (context) => {
    const present = await stat(TIMEWARNER).then(
      () => true,
      () => false,
    );
    if (!present) return context.skip();
    await copyFile(TIMEWARNER, path.join(dir, 'timewarner.txt'));
    const run = await runStorybot(['ask', '--json', '--story', 'timewarner', 'How much did profits rise?'], {
      env: { STORYBOT_DATA_DIR: dir },
    });
    const answer = JSON.parse(run.stdout) as {
      mode: string;
      answer: string;
      citations: { paragraph: number }[];
    };
    expect(answer.mode).toBe('extractive');
    expect(answer.answer).toMatch(/profit[^.]*\b(?:rose|jumped)\b[^.]*\d+%/);
    expect(answer.citations.length).toBeLessThanOrEqual(2);
  });
});
