import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../src/engine/create-runtime.js';
import { createStoryAdmin } from '../src/ingest/story-admin.js';
import { DATA_DIR, ROOT, testConfig } from './helpers/engine.js';
import { startFakeOpenAi, type FakeChatBody, type FakeOpenAi } from './helpers/fake-openai.js';
import { captureLogs } from './helpers/llm-test-setup.js';
import { startPageServer, type PageServer } from './helpers/page-server.js';
import { createQuotingModel } from './helpers/quoting-model.js';

// A server that refuses `json_schema` (like older local servers): the client learns to send JSON mode.
// Every reply waits until the test lets it go, so the test decides which calls overlap.
let fake: FakeOpenAi;
let pages: PageServer;
let runtime: Runtime;
let dir: string;
let active = 0;
let mostAtOnce = 0;
const arrivals: (() => void)[] = [];
const held: (() => void)[] = [];
const { logger } = captureLogs();

const nextArrival = () => new Promise<void>((resolve) => arrivals.push(resolve));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-runtime-'));
  await cp(DATA_DIR, path.join(dir, 'data'), { recursive: true });
  const quoting = createQuotingModel();
  fake = await startFakeOpenAi({ jsonSchemaSupported: false });
  fake.onChat(async (body: FakeChatBody) => {
    active += 1;
    mostAtOnce = Math.max(mostAtOnce, active);
    arrivals.shift()?.();
    await new Promise<void>((release) => held.push(release));
    active -= 1;
    return quoting(body);
  });
  pages = await startPageServer();
  const config = {
    ...testConfig({ baseURL: fake.baseURL, maxConcurrent: 1, timeoutMs: 10_000 }),
    STORYBOT_DATA_DIR: path.join(dir, 'data'),
    STORYBOT_ALLOW_PRIVATE_URLS: true,
  };
  runtime = await createRuntime(config, { root: ROOT, logger, records: false });
});

afterAll(async () => {
  for (const release of held.splice(0)) release();
  await runtime.close();
  await Promise.all([fake.close(), pages.close()]);
  await rm(dir, { recursive: true, force: true });
});

/** Lets every held reply go, as they arrive, until `until` settles. */
async function releaseUntil<T>(until: Promise<T>): Promise<T> {
  let done = false;
  const settled = until.finally(() => (done = true));
  while (!done) {
    for (const release of held.splice(0)) release();
    await Promise.race([settled, new Promise((resolve) => setImmediate(resolve))]);
  }
  return settled;
}

const formats = () => fake.chatBodies.map((body) => body.response_format?.type ?? 'none');
const QUESTION = { question: 'Why did the White House delay the sanctions?' };

describe('the runtime across a story change (/story add)', () => {
  it('keeps the model-call limiter and what the client learnt about the server; only the index is rebuilt', async () => {
    const { limiter, models } = runtime;
    const first = await releaseUntil(runtime.answerer.answer(QUESTION));
    expect(first.mode).toBe('llm');
    // json_schema refused with a 400, then JSON mode: learnt once.
    expect(formats()).toEqual(['json_schema', 'json_object']);

    // A question is in flight (holding the one model-call slot) when a story is added, as /story add does.
    const arrived = nextArrival();
    const during = runtime.answerer.answer(QUESTION);
    await arrived;
    const admin = createStoryAdmin({
      dataDir: path.join(dir, 'data'),
      allowPrivate: true,
      library: runtime.library,
      stories: { upsert: () => Promise.resolve(), markRemoved: () => Promise.resolve() } as never,
      logger,
    });
    const added = await admin.add(`${pages.origin}/news`, {
      addedBy: 'editor',
      addedIn: '123456789012345678',
    });
    await runtime.settled();
    expect(runtime.articles.map((article) => article.id)).toContain(added.id);

    // A question after the re-index waits for the same slot: never two model calls at once.
    const after = runtime.answerer.answer({ ...QUESTION, articleId: 'us-shelves-mss-sanctions' });
    const answers = await releaseUntil(Promise.all([during, after]));
    expect(answers.map((answer) => answer.mode)).toEqual(['llm', 'llm']);
    expect(mostAtOnce).toBe(1);
    // The server's quirk is still known: no new json_schema attempt after the re-index.
    expect(formats().slice(2)).toEqual(['json_object', 'json_object']);
    expect(runtime.limiter).toBe(limiter);
    expect(runtime.models).toBe(models);
  });
});
