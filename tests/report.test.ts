import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackStore } from '../src/feedback/feedback-store.js';
import { createLogger } from '../src/logging/logger.js';
import { groupThemes } from '../src/report/themes.js';
import { createQuestionLog, type QuestionEntry } from '../src/storage/question-log.js';
import { openRecords } from '../src/storage/records.js';
import { runStorybot } from './helpers/spawn-cli.js';

/** The DOM members the structure checks use (the project compiles without the DOM library). */
interface Dom {
  readonly id: string;
  readonly textContent: string | null;
  querySelector(selector: string): Dom | null;
  querySelectorAll(selector: string): Dom[] & { length: number };
}

let varDir: string;
const NOW = Date.now();
const daysAgo =
  (days: number, minutes = 0) =>
  () =>
    new Date(NOW - days * 86_400_000 + minutes * 60_000);

const base: QuestionEntry = {
  channelKind: 'server',
  question: '',
  story: 'us-shelves-mss-sanctions',
  mode: 'llm',
  cited: [{ articleId: 'us-shelves-mss-sanctions', paragraph: 2 }],
  claimsKept: 2,
  claimsRemoved: 0,
  removedReasons: [],
  latencyMs: 0,
  model: 'gpt-4.1-mini',
  promptTokens: 1_000,
  completionTokens: 100,
};

beforeAll(async () => {
  varDir = await mkdtemp(path.join(tmpdir(), 'storybot-report-'));
  const logger = createLogger({ level: 'silent' });
  const records = await openRecords({ varDir, storeDmText: false, retentionDays: 0, logger });
  const at = (now: () => Date) =>
    createQuestionLog({ client: records.client, salt: records.salt, storeDmText: false, logger, now });
  // Ten answered questions over two days, latencies 100..1000 ms.
  for (let i = 1; i <= 10; i += 1)
    await at(daysAgo(i <= 6 ? 1 : 2, i)).record({
      ...base,
      question: `Answered question ${i}?`,
      latencyMs: i * 100,
    });
  const declined = (question: string, channelKind: QuestionEntry['channelKind'] = 'server') =>
    at(daysAgo(1)).record({
      ...base,
      question,
      channelKind,
      mode: 'declined',
      model: undefined,
      promptTokens: 0,
      completionTokens: 0,
      latencyMs: 50,
    });
  await declined('Which telecom companies did Salt Typhoon hack?');
  await declined('Were any companies named by the officials?');
  await declined('How many companies were breached?');
  await declined('Who is the new ambassador to China?');
  await declined('When was the ambassador appointed?');
  await declined('A private question about companies', 'dm');
  await at(daysAgo(1)).record({
    ...base,
    question: 'Broken one?',
    mode: 'failed',
    error: 'llm_timeout',
    latencyMs: 30_000,
    model: undefined,
    promptTokens: 0,
    completionTokens: 0,
  });
  await at(daysAgo(1)).record({
    ...base,
    question: 'What did Bessent say?',
    claimsRemoved: 1,
    removedReasons: ['quote not found in ¶7'],
  });
  await at(daysAgo(30)).record({ ...base, question: 'An old question?' });
  await at(daysAgo(1)).record({
    ...base,
    story: 'harbour-wall',
    question: 'How high is the wall?',
    latencyMs: 200,
  });
  const votes = createFeedbackStore({ ...records, now: daysAgo(1) });
  await votes.record({
    vote: 'down',
    userId: '1234',
    question: 'Why were the sanctions shelved?',
    answer: 'To protect the trade truce [1].',
    mode: 'llm',
    cited: [{ articleId: 'us-shelves-mss-sanctions', paragraph: 1 }],
  });
  records.close();
});
afterAll(() => rm(varDir, { recursive: true, force: true }));

describe('storybot report', () => {
  it('prints per story: counts, answer times, tokens and cost, themes, answers voted down, removed claims', async () => {
    const run = await runStorybot(['report', '--since', '7d', '--story', 'us-shelves-mss-sanctions'], {
      env: { STORYBOT_VAR_DIR: varDir },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('== us-shelves-mss-sanctions: U.S. Shelves Sanctions');
    expect(out).not.toContain('harbour-wall');
    expect(out).toContain('Questions: 18 (answered 11, declined 6, failed 1)');
    // Replies: ten at 100..1000 ms, six declines at 50 ms, one at 0 ms: the 9th and 17th of 17 values.
    expect(out).toContain('Answer time: median 0.2 s, p95 1.0 s');
    expect(out).toContain('gpt-4.1-mini: 11,000 prompt + 1,100 completion tokens, $0.0062');
    expect(out).toMatch(/companies \(3\):\n {4}- "Which telecom companies did Salt Typhoon hack\?"/);
    expect(out).toMatch(/ambassador \(2\)/);
    expect(out).toContain('(1 declined in DMs, text not kept)');
    expect(out).not.toContain('A private question');
    expect(out).toContain('"Why were the sanctions shelved?" → To protect the trade truce [1].');
    expect(out).toContain('"What did Bessent say?": 1 removed because quote not found in ¶7');
    expect(out).not.toContain('An old question');
  });

  it('writes one self-contained HTML file with the three charts', async () => {
    const file = path.join(varDir, 'report.html');
    const run = await runStorybot(['report', '--html', file], { env: { STORYBOT_VAR_DIR: varDir } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`HTML report written to ${file}`);
    const html = await readFile(file, 'utf8');
    const { document } = parseHTML(html) as unknown as { document: Dom };
    const sections = [...document.querySelectorAll('section.story')];
    expect(sections.map((section) => section.id)).toEqual([
      'story-harbour-wall',
      'story-us-shelves-mss-sanctions',
    ]);
    const story = sections[1]!;
    for (const chart of ['per-day', 'outcomes', 'themes'])
      expect(story.querySelector(`svg.chart-${chart} title`)?.textContent, chart).toBeTruthy();
    expect(story.querySelectorAll('svg.chart-per-day rect.bar-answered')).toHaveLength(2);
    expect(story.querySelector('svg.chart-outcomes rect.bar-declined title')?.textContent).toBe('6 declined');
    expect(story.querySelectorAll('svg.chart-themes rect.bar-theme').length).toBeGreaterThanOrEqual(2);
    expect(story.querySelector('ul.downvoted li')?.textContent).toContain('Why were the sanctions shelved?');
    expect(document.querySelectorAll('script, link, img, iframe')).toHaveLength(0);
    expect(html).not.toMatch(/\b(src|href)=|url\(|https?:/);
  });

  it('refuses a bad --since', async () => {
    const run = await runStorybot(['report', '--since', 'last tuesday'], {
      env: { STORYBOT_VAR_DIR: varDir },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--since must be like 24h, 7d, 4w or a date');
  });
});

describe('themes of declined questions', () => {
  it('groups by shared content words, not by question words', () => {
    const themes = groupThemes([
      'What did the article say about the budget?',
      'How big is the budget?',
      'What did the article say about the weather?',
      'Who won the match?',
    ]);
    expect(themes.map((theme) => [theme.label, theme.count])).toEqual([
      ['budget', 2],
      ['other', 2],
    ]);
  });
});
