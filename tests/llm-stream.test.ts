import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatStreamChunk, LlmClient } from '../src/domain/ports.js';
import type { Usage } from '../src/domain/types.js';
import { UserFacingError } from '../src/errors.js';
import { createClaimStreamParser } from '../src/answering/reply/claim-stream.js';
import { createOpenAiLlm, type OpenAiLlmOptions } from '../src/llm/openai-llm.js';
import { startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
import {
  captureLogs,
  drain,
  SAMPLE_REQUEST,
  TEST_API_KEY,
  testLlmOptions,
} from './helpers/llm-test-setup.js';

const GOOD = JSON.stringify({
  answerable: true,
  claims: [{ quotes: [{ source: 1, quote: 'the mayor resigned on Monday' }], text: 'The mayor quit.' }],
  not_covered: null,
});
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
): Promise<Required<Pick<LlmClient, 'stream' | 'chat'>>> {
  fake = await startFakeOpenAi({ chat: () => ({ content: GOOD }), ...fakeOptions });
  logs = captureLogs();
  const llm = createOpenAiLlm(testLlmOptions(fake.baseURL, logs.logger, overrides));
  if (!llm.stream) throw new Error('the OpenAI client streams');
  return { stream: llm.stream.bind(llm), chat: llm.chat.bind(llm) };
}

function codeOf(error: unknown): string | undefined {
  expect(error).toBeInstanceOf(UserFacingError);
  return (error as UserFacingError).code;
}

describe('LlmClient.stream over the OpenAI SDK', () => {
  it('yields the reply token by token, then done with the usage from the final usage chunk', async () => {
    const used: Usage[] = [];
    const { stream } = await setup({}, { onUsage: (usage) => used.push(usage) });
    fake.queueChat({ content: GOOD, usage: { prompt_tokens: 321, completion_tokens: 17 } });
    const { deltas, done, error } = await drain(stream(SAMPLE_REQUEST));
    expect(error).toBeUndefined();
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(GOOD);
    expect(done).toEqual({
      type: 'done',
      usage: { promptTokens: 321, completionTokens: 17, cachedTokens: 0 },
      finishReason: 'stop',
      format: 'json_schema',
      streamed: true,
    });
    expect(used).toEqual([{ promptTokens: 321, completionTokens: 17, cachedTokens: 0 }]);
    const [body] = fake.chatBodies;
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(body?.response_format?.type).toBe('json_schema');
  });

  it("sends OpenAI's event shapes: role chunk, content chunks, finish chunk, usage chunk, [DONE]", async () => {
    await setup();
    const response = await fetch(`${fake.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.replace(/^data: /, '')) as unknown);
    expect(chunks[0]).toMatchObject({
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      usage: null,
    });
    expect(chunks.at(-2)).toMatchObject({ choices: [{ delta: {}, finish_reason: 'stop' }], usage: null });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 1 } });
  });

  it('feeds the claim parser: each claim is out before the reply ends', async () => {
    const claims = [1, 2, 3].map((n) => ({
      quotes: [{ source: n, quote: `quote number ${n}` }],
      text: `Claim ${n}.`,
    }));
    const { stream } = await setup({ tokensPerSecond: 200 });
    fake.queueChat({ content: JSON.stringify({ answerable: true, claims, not_covered: null }) });
    const parser = createClaimStreamParser();
    const seen: unknown[] = [];
    const deltasAtClaim: number[] = [];
    let deltas = 0;
    for await (const chunk of stream(SAMPLE_REQUEST)) {
      if (chunk.type !== 'delta') continue;
      deltas += 1;
      for (const claim of parser.push(chunk.text)) {
        seen.push(claim);
        deltasAtClaim.push(deltas);
      }
    }
    expect(seen).toEqual(claims);
    // The first claim is out after about a third of the reply; the last before the reply's tail.
    expect(deltasAtClaim[0]).toBeLessThan(deltas / 2);
    expect(deltasAtClaim[2]).toBeLessThan(deltas);
    expect(parser.end().final).toEqual({ answerable: true, claims, not_covered: null });
  });

  it('hands out the first tokens while the server is still writing the rest', async () => {
    const { stream } = await setup({ timeToFirstTokenMs: 50, tokensPerSecond: 40 });
    const arrivals: number[] = [];
    const started = Date.now();
    for await (const chunk of stream(SAMPLE_REQUEST))
      arrivals.push(chunk.type === 'delta' ? Date.now() - started : NaN);
    arrivals.pop();
    const first = arrivals[0] ?? 0;
    const last = arrivals.at(-1) ?? 0;
    // About 25 tokens at 40 a second: the first arrives long before the last is written.
    expect(last - first).toBeGreaterThan(300);
  });

  it('stops the HTTP request when the signal is aborted mid-stream, failing with llm_cancelled', async () => {
    const { stream } = await setup({ tokensPerSecond: 20 });
    const controller = new AbortController();
    const deltas: string[] = [];
    let error: unknown;
    try {
      for await (const chunk of stream({ ...SAMPLE_REQUEST, signal: controller.signal })) {
        if (chunk.type === 'delta') deltas.push(chunk.text);
        if (deltas.length === 2) controller.abort();
      }
    } catch (caught) {
      error = caught;
    }
    expect(codeOf(error)).toBe('llm_cancelled');
    expect(deltas).toHaveLength(2);
    await vi.waitFor(() => expect(fake.streamsCutShort).toBe(1));
  });

  it('stops the HTTP request when the consumer leaves the loop early', async () => {
    const { stream } = await setup({ tokensPerSecond: 20 });
    for await (const chunk of stream(SAMPLE_REQUEST)) if (chunk.type === 'delta') break;
    await vi.waitFor(() => expect(fake.streamsCutShort).toBe(1));
  });

  it('fails with llm_timeout when the first token is slower than the timeout', async () => {
    const { stream } = await setup({ timeToFirstTokenMs: 3_000 }, { timeoutMs: 200 });
    const { deltas, error } = await drain(stream(SAMPLE_REQUEST));
    expect(codeOf(error)).toBe('llm_timeout');
    expect(deltas).toEqual([]);
    await vi.waitFor(() => expect(fake.streamsCutShort).toBe(1));
  });

  it('fails with llm_timeout when the server stalls between tokens', async () => {
    const { stream } = await setup({ tokensPerSecond: 2 }, { timeoutMs: 200 });
    const { error } = await drain(stream(SAMPLE_REQUEST));
    expect(codeOf(error)).toBe('llm_timeout');
  });

  it('fails with llm_unreachable when the connection drops mid-stream, after the tokens it had', async () => {
    const { stream } = await setup();
    fake.queueChat({ content: GOOD, dropAfterChunks: 3 });
    const { deltas, error } = await drain(stream(SAMPLE_REQUEST));
    expect(codeOf(error)).toBe('llm_unreachable');
    expect(deltas).toHaveLength(3);
  });

  it.each([
    ['llm_refusal', { content: null, refusal: "I'm sorry, I can't help with that." }],
    ['llm_filtered', { content: 'The mayor', finishReason: 'content_filter' as const }],
    ['llm_truncated', { content: '{"answerable": true, "claims": [{"quo', finishReason: 'length' as const }],
    ['llm_empty', { content: '' }],
  ])('maps a streamed reply to %s like chat does', async (code, reply) => {
    const { stream } = await setup();
    fake.queueChat(reply);
    expect(codeOf((await drain(stream(SAMPLE_REQUEST))).error)).toBe(code);
  });

  it('hands back a reply cut off at the token cap when asked to', async () => {
    const { stream } = await setup();
    const cut = '{"answerable": true, "claims": [{"quotes": [], "text": "One."}, {"quo';
    fake.queueChat({ content: cut, finishReason: 'length' });
    const { deltas, done } = await drain(stream({ ...SAMPLE_REQUEST, acceptTruncated: true }));
    expect(deltas.join('')).toBe(cut);
    expect(done?.finishReason).toBe('length');
  });
});

describe('LlmClient.stream on servers that cannot stream', () => {
  it('falls back to one whole reply when the server refuses stream: true, and remembers', async () => {
    const { stream } = await setup({ streamRejected: true });
    const first = await drain(stream(SAMPLE_REQUEST));
    expect(first.deltas).toEqual([GOOD]);
    expect(first.done).toMatchObject({ type: 'done', streamed: false, format: 'json_schema' });
    await drain(stream(SAMPLE_REQUEST));
    expect(fake.chatBodies.map((body) => body.stream === true)).toEqual([true, false, false]);
  });

  it('reads a plain JSON body sent back to stream: true, and asks without streaming from then on', async () => {
    const { stream } = await setup({ streaming: 'ignore' });
    const first = await drain(stream(SAMPLE_REQUEST));
    expect(first.deltas).toEqual([GOOD]);
    expect(first.done).toMatchObject({ streamed: false, finishReason: 'stop' });
    await drain(stream(SAMPLE_REQUEST));
    expect(fake.chatBodies.map((body) => body.stream === true)).toEqual([true, false]);
  });

  it('streams without stream_options when the server refuses them, and remembers', async () => {
    const { stream } = await setup({ streamOptionsRejected: true });
    const first = await drain(stream(SAMPLE_REQUEST));
    expect(first.deltas.join('')).toBe(GOOD);
    expect(first.done).toMatchObject({ streamed: true, usage: { promptTokens: 0, completionTokens: 0 } });
    await drain(stream(SAMPLE_REQUEST));
    expect(fake.chatBodies.map((body) => [body.stream, body.stream_options !== undefined])).toEqual([
      [true, true],
      [true, false],
      [true, false],
    ]);
  });

  it('steps down once when an old llama.cpp answers 500 to json_schema, also when streaming', async () => {
    const { stream } = await setup({ jsonSchemaServerError: true }, { maxRetries: 2 });
    const first = await drain(stream(SAMPLE_REQUEST));
    expect(first.deltas.join('')).toBe(GOOD);
    expect(first.done?.format).toBe('json_object');
    await drain(stream(SAMPLE_REQUEST));
    expect(fake.chatBodies.map((body) => body.response_format?.type)).toEqual([
      'json_schema',
      'json_object',
      'json_object',
    ]);
  });

  it('says when a streamed reply ignored the format (prose), and steps down for the next', async () => {
    const { stream } = await setup({ answersInProse: true });
    const chunks: ChatStreamChunk[] = [];
    for await (const chunk of stream(SAMPLE_REQUEST)) chunks.push(chunk);
    const text = chunks.map((chunk) => (chunk.type === 'delta' ? chunk.text : '')).join('');
    expect(text).toBe('The mayor quit. "the mayor resigned on Monday" [1]');
    expect(chunks.at(-1)).toMatchObject({ type: 'done', formatIgnored: true, format: 'json_schema' });
    await drain(stream(SAMPLE_REQUEST));
    expect(fake.chatBodies.map((body) => body.response_format?.type)).toEqual(['json_schema', 'json_object']);
  });
});
