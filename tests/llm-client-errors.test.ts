import { afterEach, describe, expect, it } from 'vitest';
import type { LlmClient } from '../src/domain/ports.js';
import { createOpenAiLlm, type OpenAiLlmOptions } from '../src/llm/openai-llm.js';
import { UserFacingError } from '../src/errors.js';
import { fakeErrors, getClosedPort, startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
import { captureLogs, SAMPLE_REQUEST, TEST_API_KEY, testLlmOptions } from './helpers/llm-test-setup.js';

const GOOD = JSON.stringify({ answerable: true, answer: 'The mayor resigned.' });
let fake: FakeOpenAi | undefined;
let logs = captureLogs();

afterEach(async () => {
  await fake?.close();
  fake = undefined;
  expect(logs.text()).not.toContain(TEST_API_KEY);
  expect(logs.text()).not.toContain('MARKER');
});

function client(baseURL: string, overrides: Partial<OpenAiLlmOptions> = {}): LlmClient {
  logs = captureLogs();
  return createOpenAiLlm(testLlmOptions(baseURL, logs.logger, overrides));
}

async function setup(
  fakeOptions: Parameters<typeof startFakeOpenAi>[0] = {},
  overrides: Partial<OpenAiLlmOptions> = {},
): Promise<{ llm: LlmClient; server: FakeOpenAi }> {
  const server = await startFakeOpenAi(fakeOptions);
  fake = server;
  return { llm: client(server.baseURL, overrides), server };
}

async function failureOf(promise: Promise<unknown>): Promise<UserFacingError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  const failure = error as UserFacingError;
  expect(failure.message).not.toContain(TEST_API_KEY);
  expect(failure.message).not.toMatch(/127\.0\.0\.1|https?:/);
  return failure;
}

/** The single `llm_failed` log entry (each failure is logged exactly once). */
function loggedFailure(): Record<string, unknown> {
  const entries = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const failed = entries.filter((entry) => entry.event === 'llm_failed');
  expect(failed).toHaveLength(1);
  return failed[0] ?? {};
}

describe('createOpenAiLlm: HTTP and network failures', () => {
  it('maps a rejected key to llm_auth and logs status, request id and attempt', async () => {
    const { llm } = await setup({ requireApiKey: 'a-different-key-0000000000' });
    expect((await failureOf(llm.chat(SAMPLE_REQUEST))).code).toBe('llm_auth');
    const entry = loggedFailure();
    expect(entry).toMatchObject({
      code: 'llm_auth',
      status: 401,
      apiCode: 'invalid_api_key',
      model: 'gpt-4.1-mini',
      attempt: 1,
    });
    expect(entry.requestId).toMatch(/^req_/);
    expect(entry.level).toBe(50);
  });

  it('keeps the key out of the log even when the server echoes it whole', async () => {
    const { llm, server } = await setup();
    server.queueChat({
      status: 403,
      error: { message: `Key ${TEST_API_KEY} is not allowed here`, type: 'forbidden' },
    });
    expect((await failureOf(llm.chat(SAMPLE_REQUEST))).code).toBe('llm_auth');
    expect(String(loggedFailure().detail)).toContain('[redacted]');
  });

  it('retries a rate limit after the short wait the server asks for, then succeeds', async () => {
    const { llm, server } = await setup({}, { maxRetries: 1 });
    server.queueChat(fakeErrors.rateLimited({ retryAfterMs: 10 }), { content: GOOD });
    expect((await llm.chat(SAMPLE_REQUEST)).content).toBe(GOOD);
    expect(server.chatBodies).toHaveLength(2);
  });

  it('does not wait out a retry-after longer than the timeout; tells the user how long instead', async () => {
    const { llm, server } = await setup({}, { maxRetries: 2 });
    server.queueChat(fakeErrors.rateLimited({ retryAfterSeconds: 60 }));
    const failure = await failureOf(llm.chat(SAMPLE_REQUEST));
    expect(failure.code).toBe('llm_rate_limited');
    expect(failure.message).toContain('60 seconds');
    expect(server.chatBodies).toHaveLength(1);
  });

  it('maps insufficient_quota to llm_quota without retrying', async () => {
    const { llm, server } = await setup({}, { maxRetries: 2 });
    server.queueChat(fakeErrors.insufficientQuota());
    expect((await failureOf(llm.chat(SAMPLE_REQUEST))).code).toBe('llm_quota');
    expect(server.chatBodies).toHaveLength(1);
  });

  it.each([500, 503])('maps a persistent %i to llm_unavailable after retrying', async (status) => {
    const { llm, server } = await setup({}, { maxRetries: 1 });
    // Once the server has answered a json_schema request, a 5xx is not blamed on the format.
    await llm.chat(SAMPLE_REQUEST);
    const error = { ...fakeErrors.serverError(status), headers: { 'retry-after-ms': '5' } };
    server.queueChat(error, error);
    expect((await failureOf(llm.chat(SAMPLE_REQUEST))).code).toBe('llm_unavailable');
    expect(server.chatBodies).toHaveLength(3);
    expect(server.chatBodies.map((body) => body.response_format?.type)).toEqual(Array(3).fill('json_schema'));
    expect(loggedFailure()).toMatchObject({ status, attempt: 2 });
  });

  it('tries JSON mode at once after a first 5xx to json_schema, but forgets it when that fails too', async () => {
    const { llm, server } = await setup({}, { maxRetries: 1 });
    const error = { ...fakeErrors.serverError(503), headers: { 'retry-after-ms': '5' } };
    server.queueChat(error, error, error);
    expect((await failureOf(llm.chat(SAMPLE_REQUEST))).code).toBe('llm_unavailable');
    expect(server.chatBodies.map((body) => body.response_format?.type)).toEqual([
      'json_schema',
      'json_object',
      'json_object',
    ]);
    // The server was down, not refusing the format: the next question asks for json_schema again.
    expect((await llm.chat(SAMPLE_REQUEST)).format).toBe('json_schema');
  });

  it('maps an unknown model to llm_model', async () => {
    const { llm } = await setup({ knownModels: ['gpt-4.1'] });
    expect((await failureOf(llm.chat(SAMPLE_REQUEST))).code).toBe('llm_model');
  });

  it('maps a reply slower than the timeout to llm_timeout', async () => {
    const { llm, server } = await setup({}, { timeoutMs: 300 });
    server.queueChat({ content: GOOD, delayMs: 2_000 });
    expect((await failureOf(llm.chat(SAMPLE_REQUEST))).code).toBe('llm_timeout');
  });

  it('maps a refused connection to llm_unreachable', async () => {
    const llm = client(`http://127.0.0.1:${await getClosedPort()}/v1`);
    expect((await failureOf(llm.chat(SAMPLE_REQUEST))).code).toBe('llm_unreachable');
    expect(loggedFailure().detail).toMatch(/ECONNREFUSED/);
  });

  it('maps a dropped connection to llm_unreachable', async () => {
    const { llm, server } = await setup();
    server.queueChat({ destroy: true });
    expect((await failureOf(llm.chat(SAMPLE_REQUEST))).code).toBe('llm_unreachable');
  });

  it('maps a 200 whose JSON body was cut off mid-way to llm_malformed', async () => {
    const { llm, server } = await setup();
    server.queueChat({
      status: 200,
      rawBody: '{"id":"chatcmpl-cut","object":"chat.completion","choices":[{"index":0,"mess',
      headers: { 'content-type': 'application/json' },
    });
    expect((await failureOf(llm.chat(SAMPLE_REQUEST))).code).toBe('llm_malformed');
    expect(loggedFailure()).toMatchObject({ code: 'llm_malformed' });
  });

  it('maps a cancelled request to llm_cancelled', async () => {
    const { llm, server } = await setup();
    server.queueChat({ content: GOOD, delayMs: 2_000 });
    const controller = new AbortController();
    const pending = llm.chat({ ...SAMPLE_REQUEST, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await failureOf(pending)).code).toBe('llm_cancelled');
  });
});

describe('createOpenAiLlm: a reply cut off at the token limit', () => {
  it('is returned marked truncated when the request accepts it, so its complete claims can be kept', async () => {
    const { llm, server } = await setup();
    server.queueChat({ content: '{"answerable": true, "claims": [', finishReason: 'length' });
    expect(await llm.chat({ ...SAMPLE_REQUEST, acceptTruncated: true })).toMatchObject({ truncated: true });
  });
});

describe('createOpenAiLlm: unusable replies', () => {
  it.each([
    ['llm_empty', { content: '' }],
    ['llm_empty', { content: '   ' }],
    ['llm_refusal', { content: null, refusal: "I'm sorry, I can't help with that." }],
    ['llm_truncated', { content: '{"answerable": true, "claims": [{"quo', finishReason: 'length' as const }],
    ['llm_filtered', { content: null, finishReason: 'content_filter' as const }],
  ])('maps the reply to %s', async (code, reply) => {
    const { llm, server } = await setup();
    server.queueChat(reply);
    expect((await failureOf(llm.chat(SAMPLE_REQUEST))).code).toBe(code);
    expect(loggedFailure()).toMatchObject({ code, status: 200 });
  });
});
