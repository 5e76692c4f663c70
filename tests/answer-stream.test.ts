import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationStore } from '../src/answering/conversation-store.js';
import { runConsole } from '../src/console/run-console.js';
import type { Answer, AnswerEvent, Answerer } from '../src/domain/types.js';
import { createLogger } from '../src/logging/logger.js';
import { createTestEngine, type TestEngine } from './helpers/engine.js';
import { startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
import { createMessyModel, MESSY_FORMS, type InventedKind } from './helpers/messy-model/index.js';

const QUESTION = 'What did the United States decide about sanctions on the Ministry of State Security?';

interface Timed {
  readonly event: AnswerEvent;
  readonly at: number;
}

async function collect(answerer: Answerer, question = QUESTION): Promise<Timed[]> {
  const events: Timed[] = [];
  for await (const event of answerer.answerStream({ question })) events.push({ event, at: Date.now() });
  return events;
}

const claimsOf = (events: readonly Timed[]) =>
  events.flatMap(({ event }) => (event.type === 'claim' ? [event.claim] : []));
const doneOf = (events: readonly Timed[]): Answer => {
  const last = events.at(-1)?.event;
  if (last?.type !== 'done') throw new Error('no done event last');
  return last.answer;
};
const comparable = ({ mode, text, claims, citations, removed, notes, notCovered }: Answer) => ({
  mode,
  text,
  claims,
  citations,
  removed,
  notes,
  notCovered,
});

describe('answerStream with a model that streams', () => {
  let fake: FakeOpenAi;
  let engine: TestEngine;
  let invent: InventedKind | undefined;

  beforeAll(async () => {
    const model = createMessyModel({ form: MESSY_FORMS[0]!, invent: () => invent });
    // About 250 tokens at 500 a second: the reply takes half a second to arrive.
    fake = await startFakeOpenAi({ chat: model.handler, tokensPerSecond: 500 });
    engine = await createTestEngine({ baseURL: fake.baseURL, timeoutMs: 10_000 });
  });
  afterAll(() => fake.close());

  it('yields each checked claim as soon as it is complete, and the same answer as answer()', async () => {
    invent = undefined;
    const events = await collect(engine.answerer);
    const claims = claimsOf(events);
    expect(claims.length).toBeGreaterThanOrEqual(1);
    expect(fake.chatBodies.at(-1)).toMatchObject({ stream: true });
    const first = events.find(({ event }) => event.type === 'claim')?.at ?? Infinity;
    expect((events.at(-1)?.at ?? 0) - first).toBeGreaterThan(100);
    const done = doneOf(events);
    expect(claims).toEqual(done.claims);
    expect(comparable(done)).toEqual(comparable(await engine.answerer.answer({ question: QUESTION })));
  });

  it('never yields an invented claim', async () => {
    invent = 'name';
    const events = await collect(engine.answerer);
    expect(JSON.stringify(events)).not.toContain('Geneva');
    expect(doneOf(events).removed.count).toBe(1);
  });

  it('the console prints claims as they arrive, then the sources', async () => {
    invent = undefined;
    const writes: { text: string; at: number }[] = [];
    const output = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        writes.push({ text: chunk.toString(), at: Date.now() });
        callback();
      },
    });
    const input = new PassThrough();
    const running = runConsole({
      answerer: engine.answerer,
      articles: engine.articles,
      conversations: createConversationStore({ maxTurns: 2, maxAgeMs: 60_000 }),
      logger: createLogger({ level: 'silent' }),
      input,
      output,
      modeLine: 'test',
      maxQuestionLength: 500,
    });
    input.end(`${QUESTION}\n/quit\n`);
    await running;
    const claimLine = writes.find((write) => write.text.startsWith('• '));
    const sources = writes.find((write) => write.text.includes('Sources:'));
    expect(claimLine).toBeDefined();
    expect((sources?.at ?? 0) - (claimLine?.at ?? Infinity)).toBeGreaterThan(100);
    const text = writes.map((write) => write.text).join('');
    expect(text.split(claimLine?.text.trim() ?? '').length - 1).toBe(1);
  });
});

describe('answerStream without a live stream', () => {
  it('a server that cannot stream: one done event', async () => {
    const model = createMessyModel({ form: MESSY_FORMS[0]! });
    const fake = await startFakeOpenAi({ chat: model.handler, streaming: 'ignore' });
    try {
      const engine = await createTestEngine({ baseURL: fake.baseURL });
      const events = await collect(engine.answerer);
      expect(events.map(({ event }) => event.type)).toEqual(['done']);
      expect(doneOf(events).mode).toBe('llm');
    } finally {
      await fake.close();
    }
  });

  it('extractive answers: one done event', async () => {
    const engine = await createTestEngine();
    const events = await collect(engine.answerer, 'What is Salt Typhoon?');
    expect(events.map(({ event }) => event.type)).toEqual(['done']);
    expect(doneOf(events).mode).toBe('extractive');
  });
});
