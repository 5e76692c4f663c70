import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenBudget, readUsageLog, type UsageRecord } from '../src/answering/token-budget.js';
import { createJsonlWriter, readJsonl } from '../src/storage/jsonl-file.js';
import { createTestEngine } from './helpers/engine.js';
import { fakeErrors, startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
import { createQuotingModel } from './helpers/quoting-model.js';

let dir: string;
let fake: FakeOpenAi;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-budget-'));
  fake = await startFakeOpenAi({ chat: createQuotingModel() });
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** Pushes a promise onto a list and returns it. */
function last<T>(list: Promise<T>[], promise: Promise<T>): Promise<T> {
  list.push(promise);
  return promise;
}

const QUESTION = 'Who would the sanctions package have targeted?';

describe('daily token cap', () => {
  it('switches to extractive answers once the cap is reached, explaining once, and survives a restart', async () => {
    const file = path.join(dir, 'usage.jsonl');
    // The budget appends without waiting (a slow disk must not slow answers); keep the appends to await them.
    const writer = createJsonlWriter<UsageRecord>(file);
    const appends: Promise<void>[] = [];
    const log = { ...writer, append: (record: UsageRecord) => last(appends, writer.append(record)) };
    const budget = createTokenBudget({ dailyCap: 1, model: 'm', log });
    const engine = await createTestEngine({ baseURL: fake.baseURL, budget });
    expect((await engine.answerer.answer({ question: QUESTION })).mode).toBe('llm');
    const second = await engine.answerer.answer({ question: QUESTION });
    expect(second.mode).toBe('extractive');
    expect(second.notes.join(' ')).toMatch(/budget is used up/);
    const third = await engine.answerer.answer({ question: QUESTION });
    expect(third.mode).toBe('extractive');
    expect(third.notes.join(' ')).toMatch(/paused/);
    expect(third.notes.join(' ')).not.toMatch(/budget is used up/);

    expect(appends).toHaveLength(1);
    await Promise.all(appends);
    const restarted = createTokenBudget({ dailyCap: 1, model: 'm', previous: await readUsageLog(file) });
    expect(restarted.usedToday).toBeGreaterThan(0);
    expect(restarted.blockedReason()).toMatch(/budget/);
  });

  it('counts the tokens of unusable replies too (cut off at the cap)', async () => {
    const budget = createTokenBudget({ dailyCap: 2_000, model: 'm' });
    const engine = await createTestEngine({ baseURL: fake.baseURL, budget });
    const truncated = {
      content: '{"answerable": true, "answer": "It',
      finishReason: 'length' as const,
      usage: { prompt_tokens: 700, completion_tokens: 800 },
    };
    fake.queueChat(truncated, truncated);
    expect((await engine.answerer.answer({ question: QUESTION })).mode).toBe('extractive');
    expect(budget.usedToday).toBe(1_500);
    await engine.answerer.answer({ question: QUESTION });
    expect(budget.usedToday).toBe(3_000);
    const before = fake.chatBodies.length;
    expect((await engine.answerer.answer({ question: QUESTION })).notes.join(' ')).toMatch(
      /budget is used up/,
    );
    expect(fake.chatBodies.length).toBe(before);
  });

  it('does not let questions already queued overshoot the cap', async () => {
    const budget = createTokenBudget({ dailyCap: 1_000, model: 'm' });
    const engine = await createTestEngine({ baseURL: fake.baseURL, budget, maxConcurrent: 1 });
    fake.onChat((body) => ({
      ...createQuotingModel()(body),
      usage: { prompt_tokens: 900, completion_tokens: 300 },
      delayMs: 20,
    }));
    const before = fake.chatBodies.length;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => engine.answerer.answer({ question: QUESTION })),
    );
    fake.onChat(createQuotingModel());
    expect(fake.chatBodies.length - before).toBe(1);
    expect(answers.filter((answer) => answer.mode === 'llm')).toHaveLength(1);
    expect(answers.filter((answer) => answer.mode === 'extractive')).toHaveLength(9);
  });

  it('resets at midnight UTC', () => {
    let now = new Date('2026-11-23T23:59:00Z');
    const budget = createTokenBudget({ dailyCap: 10, model: 'm', now: () => now });
    budget.record({ promptTokens: 8, completionTokens: 5 });
    expect(budget.blockedReason()).toBeDefined();
    now = new Date('2026-11-24T00:00:01Z');
    expect(budget.blockedReason()).toBeUndefined();
  });

  it('pauses the model after a quota error', async () => {
    const budget = createTokenBudget({ dailyCap: 0, model: 'm' });
    const engine = await createTestEngine({ baseURL: fake.baseURL, budget });
    fake.queueChat(fakeErrors.insufficientQuota());
    expect((await engine.answerer.answer({ question: QUESTION })).mode).toBe('extractive');
    const before = fake.chatBodies.length;
    const next = await engine.answerer.answer({ question: QUESTION });
    expect(next.mode).toBe('extractive');
    // The failed answer explained the quota; this one carries the short label only.
    expect(next.notes.join(' ')).toMatch(/paused/);
    expect(fake.chatBodies.length).toBe(before);
  });
});

describe('JSON-lines files', () => {
  it('keep every complete record when a crash tore the last line', async () => {
    const file = path.join(dir, 'torn.jsonl');
    await appendFile(file, '{"a":1}\n{"a":2');
    const writer = createJsonlWriter<{ a: number }>(file);
    await writer.append({ a: 3 });
    await writer.append({ a: 4 });
    expect(await readJsonl(file)).toEqual([{ a: 1 }, { a: 3 }, { a: 4 }]);
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(5);
  });

  it('never interleave concurrent appends', async () => {
    const file = path.join(dir, 'many.jsonl');
    const writer = createJsonlWriter<{ i: number; pad: string }>(file);
    await Promise.all(Array.from({ length: 200 }, (_, i) => writer.append({ i, pad: 'x'.repeat(5000) })));
    const records = await readJsonl<{ i: number }>(file);
    expect(records.map((record) => record.i).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, i) => i),
    );
  });
});
