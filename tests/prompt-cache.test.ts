import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../src/articles/types.js';
import { createTokenBudget, type UsageRecord } from '../src/answering/token-budget.js';
import type { JsonlWriter } from '../src/storage/jsonl-file.js';
import { createTestEngine, type TestEngine } from './helpers/engine.js';
import { startFakeOpenAi, type FakeChatBody, type FakeOpenAi } from './helpers/fake-openai.js';
import { createQuotingModel, readPrompt } from './helpers/quoting-model.js';

// The prompt layout of issue 14 against a fake server that applies OpenAI's prompt-caching rule.
let fake: FakeOpenAi;
let engine: TestEngine;
let story: Article;
const logged: UsageRecord[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAi({
    chat: createQuotingModel(),
    promptCache: true,
    timeToFirstToken: { baseMs: 1, perUncachedTokenMs: 0.01 },
  });
  const log: JsonlWriter<UsageRecord> = {
    append: (record) => (logged.push(record), Promise.resolve()),
    appendMany: (records) => (logged.push(...records), Promise.resolve()),
  };
  const budget = createTokenBudget({ dailyCap: 0, model: 'gpt-4.1-mini', log });
  engine = await createTestEngine({ baseURL: fake.baseURL, budget });
  story = engine.articles[0]!;
});
afterAll(() => fake.close());

const userOf = (body: FakeChatBody) =>
  body.messages.find((message) => message.role === 'user')?.content ?? '';
const prefixOf = (body: FakeChatBody) => {
  const user = userOf(body);
  return `${body.messages[0]?.content ?? ''}\n${user.slice(0, user.indexOf('</passages>'))}`;
};

describe('a prompt prefix the model server can cache', () => {
  it('sends the same prefix for every question and conversation, and varies only what follows', async () => {
    const start = fake.chatBodies.length;
    const first = await engine.answerer.answer({
      question: 'Who would the sanctions package have targeted?',
    });
    const second = await engine.answerer.answer({
      question: 'Why was it shelved?',
      history: [{ question: 'What is Salt Typhoon?', answer: first.text }],
    });
    expect([first.mode, second.mode]).toEqual(['llm', 'llm']);
    const [a, b] = fake.chatBodies.slice(start);
    expect(prefixOf(a!)).toBe(prefixOf(b!));
    for (const body of [a!, b!]) {
      const user = userOf(body);
      // Every paragraph, in article order, comes before anything that depends on the question.
      expect(readPrompt(body).passages.map((passage) => passage.text)).toEqual(
        story.paragraphs.map((paragraph) => paragraph.text),
      );
      expect(user.indexOf('</passages>')).toBeLessThan(user.indexOf('Search ranked'));
      expect(user.indexOf('Search ranked')).toBeLessThan(user.indexOf('<question>'));
    }
    expect(userOf(b!)).toContain('<conversation>');
    expect(readPrompt(b!).hinted).toEqual(second.retrieved.map((passage) => passage.paragraph.n));
  });

  it('is served from the cache from the second question on, and records the cached tokens', async () => {
    const answers = [];
    for (const question of ['What is Salt Typhoon?', 'Who drafted the sanctions package?'])
      answers.push(await engine.answerer.answer({ question }));
    const [, later] = fake.cacheLog.slice(-2);
    expect(later!.cachedTokens).toBeGreaterThanOrEqual(1024);
    expect((later!.cachedTokens - 1024) % 128).toBe(0);
    expect(later!.cachedTokens).toBeLessThanOrEqual(later!.promptTokens);
    expect(answers[1]!.usage.cachedTokens).toBe(later!.cachedTokens);
    expect(logged.at(-1)?.cachedTokens).toBe(later!.cachedTokens);
    // The fake's time to first token grows with the tokens it must compute.
    const cold = fake.cacheLog[0]!;
    expect(cold.cachedTokens).toBe(0);
    expect(later!.ttftMs).toBeLessThan(cold.ttftMs);
  });

  it('lets a claim cite a paragraph retrieval did not rank, verifying its quote against that paragraph', async () => {
    const question = 'Who would the sanctions package have targeted?';
    const ranked = (await engine.answerer.answer({ question })).retrieved.map((p) => p.paragraph.n);
    const other = story.paragraphs.find((paragraph) => !ranked.includes(paragraph.n))!;
    const quote = other.text
      .split(' ')
      .slice(0, 12)
      .join(' ')
      .replace(/[,.;:]$/, '');
    fake.queueChat({
      content: JSON.stringify({
        answerable: true,
        answer: `The article says so [${other.n}].`,
        citations: [{ source: other.n, quote }],
      }),
    });
    const answer = await engine.answerer.answer({ question });
    expect(answer.citations).toEqual([expect.objectContaining({ paragraph: other.n, quote })]);
    // Retrieval still orders the sources shown.
    expect(answer.retrieved.map((p) => p.paragraph.n)).toEqual(ranked);
  });

  it('sends the top passages by rank, with no hint, when the story is over the budget', async () => {
    const small = await createTestEngine({ baseURL: fake.baseURL, contextBudget: 100 });
    const start = fake.chatBodies.length;
    const answer = await small.answerer.answer({ question: 'What is Salt Typhoon?' });
    const prompt = readPrompt(fake.chatBodies[start]!);
    expect(prompt.passages.map((passage) => passage.paragraph)).toEqual(
      answer.retrieved.map((passage) => `¶${passage.paragraph.n}`),
    );
    expect(prompt.hinted).toEqual([]);
  });
});
