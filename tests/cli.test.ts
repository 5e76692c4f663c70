import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../src/articles/load-articles.js';
import type { AnswerJson } from '../src/cli/to-json.js';
import { DATA_DIR } from './helpers/engine.js';
import { startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
import { createQuotingModel } from './helpers/quoting-model.js';
import { runStorybot } from './helpers/spawn-cli.js';

let paragraphs: string[];
beforeAll(async () => {
  paragraphs = (await loadArticles(DATA_DIR)).articles[0]!.paragraphs.map((paragraph) => paragraph.text);
});

const parse = (line: string) => JSON.parse(line) as AnswerJson;

describe('storybot ask (extractive, no key)', () => {
  it('prints an answer with sources as text', async () => {
    const run = await runStorybot(['ask', 'What is Salt Typhoon?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Sources:');
    expect(run.stdout).toContain('¶2');
    expect(run.stdout).toMatch(/No language model is configured/);
  });

  it('prints the documented JSON object with --json and honours --k', async () => {
    const run = await runStorybot(['ask', '--json', '--k', '2', 'Who drafted the sanctions package?']);
    expect(run.code).toBe(0);
    const answer = parse(run.stdout.trim());
    expect(Object.keys(answer)).toEqual(
      expect.arrayContaining(['question', 'mode', 'answer', 'citations', 'retrieved', 'usage', 'timingsMs']),
    );
    expect(answer.mode).toBe('extractive');
    expect(answer.retrieved.length).toBeLessThanOrEqual(2);
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) {
      expect(citation.verified).toBe(true);
      expect(paragraphs[citation.paragraph - 1]).toContain(citation.quote);
    }
    expect(answer.timingsMs.total).toBeGreaterThanOrEqual(answer.timingsMs.retrieval);
  });

  it('answers a batch, one JSON line per question, loading once', async () => {
    const input = [
      'What is Salt Typhoon?',
      '{"question": "Who drafted the sanctions package?"}',
      '{"nope": 1}',
      '   ',
      'Tell me a joke.',
    ].join('\n');
    const run = await runStorybot(['ask', '--batch'], { input });
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines.map((line) => line.mode ?? 'error')).toEqual([
      'extractive',
      'extractive',
      'error',
      'declined',
    ]);
    expect(lines[2]?.error).toMatch(/"question"/);
    expect(run.code).toBe(1);
  });

  it.each([
    [['ask', '   '], /question in words/],
    [['ask', '\u0007\u0001'], /question in words/],
    [['ask', 'x'.repeat(600)], /limit is 500/],
    [['ask', '--frobnicate', 'hi'], /Unknown option/],
    [['ask', '--k', 'lots', 'hi'], /--k must be/],
    [['ask'], /Please give a question/],
  ])('rejects bad input %#: clear message, exit 2', async (args, message) => {
    const run = await runStorybot(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('prints usage for --help, and names an unknown command', async () => {
    const help = await runStorybot(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/storybot ask "question"/);
    const askHelp = await runStorybot(['ask', '--help']);
    expect(askHelp.code).toBe(0);
    expect(askHelp.stdout).toMatch(/--batch/);
    const unknown = await runStorybot(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
  });

  it('names every invalid variable and exits 1', async () => {
    const run = await runStorybot(['ask', 'hi'], {
      env: { OPENAI_TIMEOUT_MS: 'soon', STORYBOT_TOP_K: '99' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('OPENAI_TIMEOUT_MS');
    expect(run.stderr).toContain('STORYBOT_TOP_K');
  });
});

describe('storybot ask with a model (fake OpenAI server)', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi({ chat: createQuotingModel() });
  });
  afterAll(() => fake.close());

  it('answers in llm mode with usage and timings, key never printed', async () => {
    const key = 'sk-cli-test-key-abcdefghijklmnop';
    const run = await runStorybot(['ask', '--json', 'Who would the sanctions package have targeted?'], {
      env: { OPENAI_API_KEY: key, OPENAI_BASE_URL: fake.baseURL },
    });
    expect(run.code).toBe(0);
    const answer = parse(run.stdout.trim());
    expect(answer.mode).toBe('llm');
    expect(answer.usage.promptTokens).toBeGreaterThan(0);
    expect(answer.timingsMs.llm).toBeGreaterThan(0);
    for (const citation of answer.citations)
      expect(paragraphs[citation.paragraph - 1]).toContain(citation.quote);
    expect(run.stdout + run.stderr).not.toContain(key);
  });
});

describe('storybot ask --json against a server with a prompt cache', () => {
  let cachingFake: FakeOpenAi;
  beforeAll(async () => {
    cachingFake = await startFakeOpenAi({ chat: createQuotingModel(), promptCache: true });
  });
  afterAll(() => cachingFake.close());

  it("reports the cached prompt tokens in the JSON usage once the story's prefix is cached", async () => {
    const env = { OPENAI_API_KEY: 'sk-cli-cache-0000000000000000', OPENAI_BASE_URL: cachingFake.baseURL };
    const first = parse(
      (await runStorybot(['ask', '--json', 'What is Salt Typhoon?'], { env })).stdout.trim(),
    );
    const second = parse(
      (await runStorybot(['ask', '--json', 'Who drafted the sanctions package?'], { env })).stdout.trim(),
    );
    expect(first.usage.cachedTokens).toBe(0);
    expect(second.usage.cachedTokens).toBeGreaterThanOrEqual(1024);
    expect(second.usage.cachedTokens).toBeLessThan(second.usage.promptTokens);
  });
});
