import { afterEach, describe, expect, it } from 'vitest';
import type { LlmClient } from '../src/domain/ports.js';
import type { UserFacingError } from '../src/errors.js';
import { createOpenAiLlm, type OpenAiLlmOptions } from '../src/llm/openai-llm.js';
import { createServerMemory } from '../src/llm/server-memory.js';
import { startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
import { captureLogs, SAMPLE_REQUEST, TEST_API_KEY, testLlmOptions } from './helpers/llm-test-setup.js';

const REPLY = {
  answerable: true,
  claims: [
    { quotes: [{ source: 2, quote: 'the council voted to halt the plan' }], text: 'The plan stopped.' },
  ],
  not_covered: null,
};
let fake: FakeOpenAi;
let logs: ReturnType<typeof captureLogs>;

afterEach(async () => {
  await fake.close();
  expect(logs.text()).not.toContain(TEST_API_KEY);
  expect(logs.text()).not.toContain('MARKER');
});

async function setup(
  fakeOptions: Parameters<typeof startFakeOpenAi>[0] = {},
  overrides: Partial<OpenAiLlmOptions> = {},
): Promise<LlmClient> {
  fake = await startFakeOpenAi({ chat: () => ({ content: JSON.stringify(REPLY) }), ...fakeOptions });
  logs = captureLogs();
  return createOpenAiLlm(testLlmOptions(fake.baseURL, logs.logger, overrides));
}

const urlOf = (input: string | URL | Request) => (input instanceof Request ? input.url : input.toString());
const formats = () => fake.chatBodies.map((body) => body.response_format?.type ?? 'none');

describe('reply format step-down: servers that fail on json_schema', () => {
  it('steps down once on an old llama.cpp 500 to json_schema, without retrying it, and remembers', async () => {
    const llm = await setup({ jsonSchemaServerError: true }, { maxRetries: 2 });
    expect((await llm.chat(SAMPLE_REQUEST)).format).toBe('json_object');
    expect((await llm.chat(SAMPLE_REQUEST)).format).toBe('json_object');
    expect(formats()).toEqual(['json_schema', 'json_object', 'json_object']);
    expect(logs.text()).toContain('llm_adapt');
    expect(logs.text()).not.toContain('llm_failed');
  });

  it('shares what it learnt with clients of the same server and model, not of another model', async () => {
    const memory = createServerMemory();
    const first = await setup({ jsonSchemaServerError: true }, { memory });
    await first.chat(SAMPLE_REQUEST);
    const sameServer = createOpenAiLlm(testLlmOptions(fake.baseURL, logs.logger, { memory }));
    expect((await sameServer.chat(SAMPLE_REQUEST)).format).toBe('json_object');
    const otherModel = createOpenAiLlm(testLlmOptions(fake.baseURL, logs.logger, { memory, model: 'qwen3' }));
    await otherModel.chat(SAMPLE_REQUEST);
    expect(formats()).toEqual(['json_schema', 'json_object', 'json_object', 'json_schema', 'json_object']);
  });

  it('keeps json_schema and retries a 5xx from OpenAI itself, which supports it', async () => {
    const options = { jsonSchemaServerError: true };
    await setup(options);
    const openAi = createOpenAiLlm(
      testLlmOptions(fake.baseURL, logs.logger, {
        baseURL: undefined,
        maxRetries: 1,
        fetch: (input, init) => fetch(urlOf(input).replace('https://api.openai.com/v1', fake.baseURL), init),
      }),
    );
    const error = await openAi.chat(SAMPLE_REQUEST).catch((caught: unknown) => caught);
    expect((error as UserFacingError).code).toBe('llm_unavailable');
    expect(formats()).toEqual(['json_schema', 'json_schema']);
  });
});

describe('reply format step-down: servers that ignore the format', () => {
  it('hands the prose on, says the format was ignored, and steps down one format per prose reply', async () => {
    const llm = await setup({ answersInProse: true }, { maxRetries: 2 });
    const first = await llm.chat(SAMPLE_REQUEST);
    expect(first).toMatchObject({ format: 'json_schema', formatIgnored: true });
    expect(first.content).toBe('The plan stopped. "the council voted to halt the plan" [2]');
    expect(await llm.chat(SAMPLE_REQUEST)).toMatchObject({ format: 'json_object', formatIgnored: true });
    const third = await llm.chat(SAMPLE_REQUEST);
    expect(third.format).toBe('prompt');
    expect(third.formatIgnored).toBeUndefined();
    expect(formats()).toEqual(['json_schema', 'json_object', 'none']);
    // The prompt format puts the schema in the system prompt.
    expect(fake.chatBodies[2]?.messages[0]?.content).toContain('"answerable"');
  });

  it('does not call JSON in a fence, after a think block or with damage, prose', async () => {
    const llm = await setup();
    const json = JSON.stringify(REPLY);
    for (const content of [
      `\`\`\`json\n${json}\n\`\`\``,
      `<think>{ hmm }</think>${json}`,
      `${json.slice(0, -1)},}`,
    ]) {
      fake.queueChat({ content });
      expect((await llm.chat(SAMPLE_REQUEST)).formatIgnored).toBeUndefined();
    }
    expect(formats()).toEqual(['json_schema', 'json_schema', 'json_schema']);
  });

  it('hands back a reply cut off at the token cap when asked to, and fails it otherwise', async () => {
    const llm = await setup();
    const cut = JSON.stringify(REPLY).slice(0, 60);
    fake.queueChat({ content: cut, finishReason: 'length' }, { content: cut, finishReason: 'length' });
    expect(await llm.chat({ ...SAMPLE_REQUEST, acceptTruncated: true })).toMatchObject({
      content: cut,
      truncated: true,
    });
    const error = await llm.chat(SAMPLE_REQUEST).catch((caught: unknown) => caught);
    expect((error as UserFacingError).code).toBe('llm_truncated');
  });
});
