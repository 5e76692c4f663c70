import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
import { createQuotingModel } from './helpers/quoting-model.js';
import { runStorybot } from './helpers/spawn-cli.js';

describe('npm start without DISCORD_TOKEN: the console', () => {
  it('says which mode is active, answers, keeps going after bad input, and quits', async () => {
    const input = [
      '/help',
      'What is Salt Typhoon?',
      '   ',
      'x'.repeat(501),
      '/nonsense',
      'Tell me a joke.',
      '/quit',
      'never asked',
    ].join('\n');
    const run = await runStorybot([], { input });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/extractive mode/);
    expect(run.stdout).toMatch(/Commands: \/help/);
    expect(run.stdout).toMatch(/\[1\] ¶2/);
    expect(run.stdout).toMatch(/question in words/);
    expect(run.stdout).toMatch(/limit is 500/);
    expect(run.stdout).toMatch(/Unknown command \/nonsense/);
    expect(run.stdout).toMatch(/doesn't cover that/);
    expect(run.stdout).toMatch(/Bye\./);
    expect(run.stdout).not.toContain('never asked');
  });

  it('ends cleanly at end of input', async () => {
    const run = await runStorybot(['start'], { input: 'What is Salt Typhoon?\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Bye\./);
  });
});

describe('console with a model: follow-ups use the conversation', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi({ chat: createQuotingModel() });
  });
  afterAll(() => fake.close());

  it('answers a follow-up with the earlier question in the prompt', async () => {
    const input = ['What did the U.S. decide about sanctions on the MSS?', 'Why?', '/quit'].join('\n');
    const run = await runStorybot([], {
      input,
      env: { OPENAI_API_KEY: 'sk-console-test-000000000000', OPENAI_BASE_URL: fake.baseURL },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/answering with gpt-4\.1-mini/);
    expect(fake.chatBodies).toHaveLength(2);
    const second = fake.chatBodies[1]?.messages.find((message) => message.role === 'user')?.content;
    expect(String(second)).toContain('What did the U.S. decide about sanctions on the MSS?');
  });
});
