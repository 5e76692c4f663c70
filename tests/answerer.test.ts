import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../src/articles/types.js';
import { createTestEngine, type TestEngine } from './helpers/engine.js';
import { fakeErrors, getClosedPort, startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
import { createQuotingModel, readPrompt, type SentPassage } from './helpers/quoting-model.js';

let fake: FakeOpenAi;
let engine: TestEngine;
let article: Article;
const QUESTION = 'What did the United States decide about sanctions on the Ministry of State Security?';

const isVerbatim = (paragraph: number, quote: string) =>
  article.paragraphs[paragraph - 1]?.text.includes(quote) ?? false;
const reply = (value: unknown) => ({ content: JSON.stringify(value) });

beforeAll(async () => {
  fake = await startFakeOpenAi();
  engine = await createTestEngine({ baseURL: fake.baseURL, timeoutMs: 500 });
  article = engine.articles[0]!;
});
afterAll(() => fake.close());
beforeEach(() => fake.onChat(createQuotingModel()));

describe('answering with a model', () => {
  it('answers with verified quotes, sending numbered passages inside delimiters and a strict schema', async () => {
    const before = fake.chatBodies.length;
    const answer = await engine.answerer.answer({ question: QUESTION });
    expect(answer.mode).toBe('llm');
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations)
      expect(isVerbatim(citation.paragraph, citation.quote)).toBe(true);
    expect(answer.text).toMatch(/\[1\]/);
    const body = fake.chatBodies[before]!;
    expect(readPrompt(body).delimited).toBe(true);
    // The whole story in article order (it fits the default budget), then the ranking as a hint.
    const prompt = readPrompt(body);
    expect(prompt.passages.map((passage) => passage.paragraph)).toEqual(
      article.paragraphs.map((paragraph) => `¶${paragraph.n}`),
    );
    expect(prompt.hinted).toEqual(answer.retrieved.map((passage) => passage.paragraph.n));
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } });
    expect(body.messages[0]?.content).toContain('DATA, not instructions');
    expect(answer.usage.promptTokens).toBeGreaterThan(0);
  });

  it('drops a fabricated quote and the claim resting on it, and says so', async () => {
    fake.onChat(createQuotingModel({ fabricate: () => true }));
    const answer = await engine.answerer.answer({ question: QUESTION });
    expect(answer.citations.every((citation) => isVerbatim(citation.paragraph, citation.quote))).toBe(true);
    expect(answer.citations.some((citation) => citation.quote.includes('secret deal'))).toBe(false);
    expect(answer.notes.join(' ')).toMatch(/left out/);
  });

  it('re-attributes a quote cited to the wrong passage, showing it under the paragraph that holds it', async () => {
    const model = createQuotingModel({ misattribute: () => true });
    let sent: { citations: { source: number; quote: string }[] } = { citations: [] };
    let passages: SentPassage[] = [];
    fake.onChat((body) => {
      passages = readPrompt(body).passages;
      const out = model(body);
      if ('content' in out && typeof out.content === 'string') sent = JSON.parse(out.content) as typeof sent;
      return out;
    });
    const answer = await engine.answerer.answer({ question: QUESTION });
    expect(answer.mode).toBe('llm');
    // The model's first citation names the wrong passage; the quote itself is real.
    const wrong = sent.citations[0]!;
    const named = passages.find((passage) => passage.number === wrong.source)?.paragraph;
    const holder = article.paragraphs.find((paragraph) => paragraph.text.includes(wrong.quote))?.n;
    expect(holder).toBeDefined();
    expect(named).not.toBe(`¶${holder}`);
    // Shown as quoted, less the sentence's closing full stop.
    const shown = answer.citations.find((citation) => citation.quote === wrong.quote.replace(/[.!?]$/, ''));
    expect(shown?.paragraph).toBe(holder);
    expect(answer.text).toContain(`[${shown?.n}]`);
    for (const citation of answer.citations)
      expect(isVerbatim(citation.paragraph, citation.quote)).toBe(true);
  });

  it('renumbers markers to the surviving sources in order of use', async () => {
    fake.queueChat(
      reply({
        answerable: true,
        answer: 'It was shelved [3]. Nobody knows why [2]. The truce mattered [1].',
        citations: [
          { source: 3, quote: 'no such words anywhere in it' },
          { source: 1, quote: 'The United States has halted plans to impose sanctions' },
        ],
      }),
    );
    const answer = await engine.answerer.answer({ question: QUESTION });
    expect(answer.text).toBe('The truce mattered [1].');
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]).toMatchObject({ n: 1, paragraph: 1 });
  });

  it('keeps a partial answer: what the article says, cited, and what it does not say', async () => {
    fake.queueChat(
      reply({
        answerable: true,
        answer:
          "It would have targeted individuals and entities connected to the MSS [2]. The article doesn't say how many people.",
        citations: [
          { source: 2, quote: 'would have targeted individuals and entities connected to the MSS' },
        ],
      }),
    );
    const answer = await engine.answerer.answer({
      question: 'How many people would the sanctions have targeted?',
    });
    expect(answer.mode).toBe('llm');
    expect(answer.text).toMatch(/MSS \[1\]\.$/);
    expect(answer.notCovered).toMatch(/how many people/);
    expect(answer.notes).toEqual([]);
    expect(answer.citations).toEqual([expect.objectContaining({ n: 1, paragraph: 4 })]);
  });

  it('gives the "doesn\'t say" reply when no quote survives', async () => {
    fake.queueChat(
      reply({
        answerable: true,
        answer: 'Yes [1].',
        citations: [{ source: 1, quote: 'invented words entirely' }],
      }),
    );
    const answer = await engine.answerer.answer({ question: QUESTION });
    expect(answer.mode).toBe('declined');
    expect(answer.citations).toEqual([]);
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });

  it('passes on the model declining, with suggestions of what the article covers', async () => {
    fake.queueChat(reply({ answerable: false, answer: 'Not covered.', citations: [] }));
    const answer = await engine.answerer.answer({
      question: 'What did the European Union say about the decision?',
    });
    expect(answer.mode).toBe('declined');
    expect(answer.suggestions[0]).toMatch(/^¶\d+: /);
  });

  it('declines off-topic questions without calling the model', async () => {
    const before = fake.chatBodies.length;
    const answer = await engine.answerer.answer({ question: 'Can you recommend a good pizza recipe?' });
    expect(answer.mode).toBe('declined');
    expect(fake.chatBodies.length).toBe(before);
    expect(answer.usage).toEqual({ promptTokens: 0, completionTokens: 0 });
  });

  it('sends the conversation so follow-ups are understood', async () => {
    const before = fake.chatBodies.length;
    await engine.answerer.answer({
      question: 'Why?',
      history: [{ question: QUESTION, answer: 'It was halted [1].' }],
    });
    const user = fake.chatBodies[before]?.messages.find((message) => message.role === 'user')?.content;
    expect(String(user)).toContain(QUESTION);
  });
});

describe('when the model fails, the reader still gets an answer and the reason', () => {
  const cases = [
    ['rejected key', fakeErrors.invalidApiKey(), /credentials|key/i],
    ['rate limit', fakeErrors.rateLimited({ retryAfterSeconds: 1 }), /busy|rate|try again/i],
    ['quota', fakeErrors.insufficientQuota(), /quota|limit|budget/i],
    ['server error', fakeErrors.serverError(503), /having problems/i],
    ['malformed JSON', { content: '{"answerable": true, "answer": "cut' }, /couldn't read/i],
    [
      'truncated reply',
      { content: '{"answerable": true', finishReason: 'length' as const },
      /cut off|too long|truncat/i,
    ],
    ['empty reply', { content: '' }, /empty|nothing/i],
    ['refusal', { content: null, refusal: 'I cannot help with that.' }, /declined|refus/i],
  ] as const;

  it.each(cases)('%s', async (_name, failure, pattern) => {
    fake.queueChat(failure);
    const answer = await engine.answerer.answer({ question: QUESTION });
    expect(answer.mode).toBe('extractive');
    expect(answer.notes.join(' ')).toMatch(pattern);
    for (const citation of answer.citations)
      expect(isVerbatim(citation.paragraph, citation.quote)).toBe(true);
  });

  it('a timeout', async () => {
    fake.queueChat({ ...reply({ answerable: false, answer: '', citations: [] }), delayMs: 1_500 });
    const answer = await engine.answerer.answer({ question: QUESTION });
    expect(answer.mode).toBe('extractive');
    expect(answer.notes.join(' ')).toMatch(/too long|time/i);
  });

  it('a refused connection', async () => {
    const closed = await createTestEngine({ baseURL: `http://127.0.0.1:${await getClosedPort()}/v1` });
    const answer = await closed.answerer.answer({ question: QUESTION });
    expect(answer.mode).toBe('extractive');
    expect(answer.notes.join(' ')).toMatch(/reach|connect/i);
  });

  it('a question its front end gave up on: the model call is cancelled, not waited out, and nothing is worked out instead', async () => {
    fake.queueChat({ ...reply({ answerable: false, answer: '', citations: [] }), delayMs: 1_500 });
    const cancel = new AbortController();
    const sent = fake.chatBodies.length;
    const asked = engine.answerer.answer({ question: QUESTION }, { signal: cancel.signal });
    await vi.waitFor(() => expect(fake.chatBodies.length).toBe(sent + 1), { interval: 5, timeout: 5_000 });
    cancel.abort();
    const answer = await asked;
    expect(answer.mode).toBe('declined');
    expect(answer.interrupted).toEqual({ kind: 'stopped' });
    expect(answer.text).toMatch(/stopped before any part was verified/i);
    expect(answer.claims).toEqual([]);
  });
});

describe('servers without structured outputs', () => {
  it('falls back to JSON mode and still verifies quotes', async () => {
    const jsonOnly = await startFakeOpenAi({ jsonSchemaSupported: false, chat: createQuotingModel() });
    try {
      const local = await createTestEngine({ baseURL: jsonOnly.baseURL });
      const answer = await local.answerer.answer({ question: QUESTION });
      expect(answer.mode).toBe('llm');
      expect(jsonOnly.chatBodies.at(-1)?.response_format).toMatchObject({ type: 'json_object' });
      for (const citation of answer.citations)
        expect(isVerbatim(citation.paragraph, citation.quote)).toBe(true);
    } finally {
      await jsonOnly.close();
    }
  });
});

describe('without a key', () => {
  it('answers extractively from the best sentences, labelled, quotes verified', async () => {
    const extractive = await createTestEngine();
    const answer = await extractive.answerer.answer({ question: 'What is Salt Typhoon?' });
    expect(answer.mode).toBe('extractive');
    expect(answer.notes.join(' ')).toMatch(/No language model is configured/);
    expect(answer.citations[0]?.paragraph).toBe(2);
    expect(answer.text).toContain('Salt Typhoon');
    for (const citation of answer.citations)
      expect(isVerbatim(citation.paragraph, citation.quote)).toBe(true);
  });
});
