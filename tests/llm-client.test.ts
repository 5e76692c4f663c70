import { afterEach, describe, expect, it } from 'vitest';
import type { LlmClient } from '../src/domain/ports.js';
import { createOpenAiLlm, type OpenAiLlmOptions } from '../src/llm/openai-llm.js';
import { UserFacingError } from '../src/errors.js';
import { fakeErrors, startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
import { captureLogs, SAMPLE_REQUEST, TEST_API_KEY, testLlmOptions } from './helpers/llm-test-setup.js';

/** The URL a fetch was given, whatever form it came in. */
const urlOf = (input: string | URL | Request): string =>
  input instanceof Request ? input.url : input.toString();

const GOOD = JSON.stringify({ answerable: true, answer: 'The mayor resigned.' });
let fake: FakeOpenAi;
let logs: ReturnType<typeof captureLogs>;
/** The options of the last client `setup` made. */
let options: OpenAiLlmOptions;

afterEach(async () => {
  await fake.close();
  // Whatever happened, neither the key nor the prompt texts may reach the log.
  expect(logs.text()).not.toContain(TEST_API_KEY);
  expect(logs.text()).not.toContain('MARKER');
});

async function setup(
  fakeOptions: Parameters<typeof startFakeOpenAi>[0] = {},
  overrides: Partial<OpenAiLlmOptions> = {},
): Promise<LlmClient> {
  fake = await startFakeOpenAi(fakeOptions);
  logs = captureLogs();
  options = testLlmOptions(fake.baseURL, logs.logger, overrides);
  return createOpenAiLlm(options);
}

async function failureOf(promise: Promise<unknown>): Promise<UserFacingError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  const failure = error as UserFacingError;
  expect(failure.message).not.toContain(TEST_API_KEY);
  expect(failure.message).not.toContain('127.0.0.1');
  return failure;
}

describe('createOpenAiLlm: requests and replies', () => {
  it('returns the content, usage and format of a structured-output reply', async () => {
    const llm = await setup();
    fake.queueChat({ content: GOOD, usage: { prompt_tokens: 120, completion_tokens: 9 } });
    const result = await llm.chat(SAMPLE_REQUEST);
    expect(result).toEqual({
      content: GOOD,
      usage: { promptTokens: 120, completionTokens: 9, cachedTokens: 0 },
      format: 'json_schema',
    });

    const [body] = fake.chatBodies;
    expect(body?.model).toBe('gpt-4.1-mini');
    expect(body?.temperature).toBe(0);
    expect(body?.max_tokens).toBe(300);
    expect(body?.max_completion_tokens).toBeUndefined();
    expect(body?.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', schema: SAMPLE_REQUEST.schema.schema, strict: true },
    });
    expect(body?.messages).toEqual([
      { role: 'system', content: SAMPLE_REQUEST.system },
      { role: 'user', content: SAMPLE_REQUEST.user },
    ]);
    expect(fake.requests[0]?.hasBearer).toBe(true);
  });

  it('keeps the cached prompt tokens the server reports', async () => {
    const llm = await setup();
    fake.queueChat({
      content: GOOD,
      usage: { prompt_tokens: 1300, completion_tokens: 9, cached_tokens: 1152 },
    });
    expect((await llm.chat(SAMPLE_REQUEST)).usage).toEqual({
      promptTokens: 1300,
      completionTokens: 9,
      cachedTokens: 1152,
    });
  });

  it('counts usage as zero when the server sends none', async () => {
    const llm = await setup();
    fake.queueChat({ content: GOOD, usage: null });
    expect((await llm.chat(SAMPLE_REQUEST)).usage).toEqual({ promptTokens: 0, completionTokens: 0 });
  });

  it('uses max_completion_tokens with OpenAI itself (no baseURL)', async () => {
    await setup();
    const viaFake = createOpenAiLlm({
      ...options,
      baseURL: undefined,
      // Sends what the client addresses to api.openai.com to the fake instead.
      fetch: (input, init) => fetch(urlOf(input).replace('https://api.openai.com/v1', fake.baseURL), init),
    });
    await viaFake.chat(SAMPLE_REQUEST);
    expect(fake.chatBodies[0]?.max_completion_tokens).toBe(300);
    expect(fake.chatBodies[0]).not.toHaveProperty('max_tokens');
  });

  it('leaves temperature out for reasoning models', async () => {
    const llm = await setup({}, { model: 'o4-mini' });
    await llm.chat(SAMPLE_REQUEST);
    expect(fake.chatBodies[0]).not.toHaveProperty('temperature');
  });

  it('retries once without temperature when the server refuses it, and remembers', async () => {
    const llm = await setup({ temperatureSupported: false });
    await llm.chat(SAMPLE_REQUEST);
    await llm.chat(SAMPLE_REQUEST);
    expect(fake.chatBodies.map((body) => 'temperature' in body)).toEqual([true, false, false]);
  });

  it('switches the token-cap field when the server names the other one, and remembers', async () => {
    const llm = await setup({ tokenFields: ['max_completion_tokens'] });
    await llm.chat(SAMPLE_REQUEST);
    await llm.chat(SAMPLE_REQUEST);
    expect(fake.chatBodies.map((body) => body.max_completion_tokens ?? null)).toEqual([null, 300, 300]);
  });
});

describe('createOpenAiLlm: reply format fallback', () => {
  it('falls back to JSON mode with the schema in the prompt, and remembers', async () => {
    const llm = await setup({ jsonSchemaSupported: false });
    expect((await llm.chat(SAMPLE_REQUEST)).format).toBe('json_object');
    expect((await llm.chat(SAMPLE_REQUEST)).format).toBe('json_object');
    expect(fake.chatBodies.map((body) => body.response_format?.type)).toEqual([
      'json_schema',
      'json_object',
      'json_object',
    ]);
    const system = fake.chatBodies[1]?.messages[0]?.content ?? '';
    expect(system.startsWith(SAMPLE_REQUEST.system)).toBe(true);
    expect(system).toContain(JSON.stringify(SAMPLE_REQUEST.schema.schema, null, 2));
    expect(system).not.toContain('{{schema}}');
  });

  it('falls back to the prompt alone when JSON mode is refused too', async () => {
    const llm = await setup({ jsonSchemaSupported: false, jsonObjectSupported: false });
    expect((await llm.chat(SAMPLE_REQUEST)).format).toBe('prompt');
    expect((await llm.chat(SAMPLE_REQUEST)).format).toBe('prompt');
    expect(fake.chatBodies.map((body) => body.response_format?.type ?? 'none')).toEqual([
      'json_schema',
      'json_object',
      'none',
      'none',
    ]);
  });

  it("reads the refusal in a vLLM-style error body that is not OpenAI's shape", async () => {
    const llm = await setup();
    const vllm = {
      object: 'error',
      message: 'json_schema response_format is not supported',
      type: 'BadRequestError',
      code: 400,
    };
    fake.queueChat({ status: 400, rawBody: JSON.stringify(vllm) });
    expect((await llm.chat(SAMPLE_REQUEST)).format).toBe('json_object');
  });

  it('does not step down for a bad request unrelated to the format', async () => {
    const llm = await setup();
    fake.queueChat(fakeErrors.contextLengthExceeded());
    expect((await failureOf(llm.chat(SAMPLE_REQUEST))).code).toBe('llm_too_long');
    fake.queueChat({
      status: 400,
      error: { message: "Invalid value for 'messages'.", type: 'invalid_request_error' },
    });
    expect((await failureOf(llm.chat(SAMPLE_REQUEST))).code).toBe('llm_bad_request');
    expect(fake.chatBodies).toHaveLength(2);
  });
});
