import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAiEmbedder } from '../src/llm/openai-embedder.js';
import { UserFacingError } from '../src/errors.js';
import { fakeEmbedding, fakeErrors, startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
import { captureLogs, TEST_API_KEY } from './helpers/llm-test-setup.js';

let fake: FakeOpenAi;
let logs: ReturnType<typeof captureLogs>;

afterEach(async () => {
  await fake.close();
  expect(logs.text()).not.toContain(TEST_API_KEY);
});

async function setup(options: Parameters<typeof startFakeOpenAi>[0] = {}, batchSize?: number) {
  fake = await startFakeOpenAi(options);
  logs = captureLogs();
  return createOpenAiEmbedder({
    apiKey: TEST_API_KEY,
    baseURL: fake.baseURL,
    model: 'text-embedding-3-small',
    timeoutMs: 5_000,
    maxRetries: 0,
    logger: logs.logger,
    ...(batchSize === undefined ? {} : { batchSize }),
  });
}

const texts = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} about the council vote number ${i * 7}.`);

describe('createOpenAiEmbedder', () => {
  it('embeds in batches and returns vectors in input order, even when the server reorders them', async () => {
    const embedder = await setup({ embeddingOrder: 'reversed' }, 96);
    const vectors = await embedder.embed(texts);
    expect(fake.embeddingCalls).toBe(3);
    const sizes = fake.requests.map((request) => (request.body as { input: string[] }).input.length);
    expect(sizes).toEqual([96, 96, 8]);
    expect(vectors).toEqual(texts.map((text) => fakeEmbedding(text)));
    expect(fake.embeddedTexts).toEqual(texts);
  });

  it('asks for floats, since many compatible servers cannot send base64', async () => {
    const embedder = await setup();
    await embedder.embed(['one text']);
    expect(fake.requests[0]?.body).toMatchObject({
      model: 'text-embedding-3-small',
      encoding_format: 'float',
    });
  });

  it('makes no request for no texts', async () => {
    const embedder = await setup();
    expect(await embedder.embed([])).toEqual([]);
    expect(fake.embeddingCalls).toBe(0);
  });

  it('maps failures to the same user-facing codes as chat', async () => {
    const embedder = await setup();
    fake.queueEmbeddings(fakeErrors.invalidApiKey(TEST_API_KEY), fakeErrors.insufficientQuota(), {
      destroy: true,
    });
    for (const code of ['llm_auth', 'llm_quota', 'llm_unreachable']) {
      const error = await embedder.embed(['a text']).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UserFacingError);
      expect((error as UserFacingError).code).toBe(code);
    }
  });

  it('gives vectors whose similarity follows shared words (the fake is usable for retrieval tests)', async () => {
    const embedder = await setup();
    const [query, near, far] = await embedder.embed([
      'When did the council vote on the budget?',
      'The council voted on the budget on Tuesday.',
      'A storm knocked out power along the coast.',
    ]);
    const cosine = (a: number[] = [], b: number[] = []) =>
      a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
    expect(cosine(query, near)).toBeGreaterThan(cosine(query, far));
  });
});
