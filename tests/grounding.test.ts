import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../src/articles/types.js';
import { answerToJson } from '../src/cli/to-json.js';
import { renderAnswer } from '../src/discord/render/render-answer.js';
import type { Answer } from '../src/domain/types.js';
import { renderAnswerText } from '../src/render/answer-text.js';
import { createTestEngine, type TestEngine } from './helpers/engine.js';
import {
  startFakeOpenAi,
  type FakeChatBody,
  type FakeOpenAi,
  type FakeReply,
} from './helpers/fake-openai.js';
import {
  createMessyModel,
  INVENTED_KINDS,
  MESSY_FORMS,
  type InventedKind,
} from './helpers/messy-model/index.js';
import { createHonestJudge, isGroundingCheck } from './helpers/claim-judge.js';

const QUESTIONS = [
  'What did the United States decide about sanctions on the Ministry of State Security?',
  'What is Salt Typhoon?',
  'Why did the White House delay the sanctions?',
];
const QUESTION = QUESTIONS[0]!;

let article: Article;

/** Everything a reader could see of an answer: console text, `ask --json`, Discord messages. */
function seen(answer: Answer): string {
  const discord = renderAnswer(answer, { findArticle: () => article }).map((m) => JSON.stringify(m));
  return [renderAnswerText(answer), JSON.stringify(answerToJson(answer)), ...discord].join('\n');
}

function expectVerbatim(answer: Answer): void {
  for (const citation of answer.citations) {
    const text = article.paragraphs[citation.paragraph - 1]?.text ?? '';
    for (const piece of citation.quote.split(' … ')) expect(text).toContain(piece);
  }
}

describe.each(MESSY_FORMS.map((form, index) => [form.name, form, index] as const))(
  'a messy model writing %s',
  (_name, form, index) => {
    let fake: FakeOpenAi;
    let engine: TestEngine;
    let model: ReturnType<typeof createMessyModel>;
    let invent: InventedKind | undefined;

    beforeAll(async () => {
      model = createMessyModel({ form, invent: () => invent });
      fake = await startFakeOpenAi({ chat: model.handler });
      engine = await createTestEngine({ baseURL: fake.baseURL });
      article = engine.articles[0]!;
    });
    afterAll(() => fake.close());

    it('honest answers reach the reader as model answers, quotes verbatim, no note', async () => {
      invent = undefined;
      for (const question of QUESTIONS) {
        const answer = await engine.answerer.answer({ question });
        expect(answer.mode, `${question}\n${model.calls.at(-1)?.content}`).toBe('llm');
        expect(answer.removed.count).toBe(0);
        expect(answer.notes).toEqual([]);
        expectVerbatim(answer);
      }
    });

    it('an invented claim never reaches a reader, and the note says so', async () => {
      for (const [position, question] of QUESTIONS.entries()) {
        invent = INVENTED_KINDS[(index + position) % INVENTED_KINDS.length];
        const answer = await engine.answerer.answer({ question });
        const invented = model.calls.at(-1)?.answer.claims.find((claim) => claim.invented)?.invented ?? '';
        expect(invented).not.toBe('');
        expect(seen(answer).toLowerCase(), `${invent}: ${invented}`).not.toContain(invented.toLowerCase());
        // Prose footnotes are shared by source: an invented quote can take a true sentence down with it.
        expect(answer.mode).not.toBe('extractive');
        expect(answer.removed.count).toBeGreaterThanOrEqual(1);
        expect(answer.notes.join(' ')).toMatch(/^\d+ claims? (was|were) left out/);
        expectVerbatim(answer);
      }
    });
  },
);

describe('the support check, both ways', () => {
  let fake: FakeOpenAi;
  let engine: TestEngine;
  const claimsReply = (claims: { text: string; quote: string }[], notCovered: string | null = null) => ({
    content: JSON.stringify({
      answerable: true,
      claims: claims.map(({ text, quote }) => ({ quotes: [{ source: 1, quote }], text })),
      not_covered: notCovered,
    }),
  });
  const HALTED =
    'The United States has halted plans to impose sanctions on China’s Ministry of State Security (MSS), opting instead to preserve the delicate trade truce';

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    engine = await createTestEngine({ baseURL: fake.baseURL });
    article = engine.articles[0]!;
  });
  afterAll(() => fake.close());

  it('keeps an honest paraphrase and removes invented details, numbering sources in code', async () => {
    fake.queueChat(
      claimsReply(
        [
          { text: 'The U.S. paused the sanctions to protect the truce.', quote: HALTED },
          { text: 'Officials met in Geneva.', quote: HALTED },
          { text: 'The deal included a $5bn payment.', quote: HALTED },
        ],
        'when the sanctions might resume',
      ),
    );
    const answer = await engine.answerer.answer({ question: QUESTION });
    expect(answer.text).toBe('The U.S. paused the sanctions to protect the truce [1].');
    expect(answer.claims).toEqual([
      { text: answer.text, citations: [expect.objectContaining({ n: 1, paragraph: 1 })] },
    ]);
    expect(answer.removed).toEqual({
      count: 2,
      reasons: [expect.stringMatching(/name, number or date/), expect.stringMatching(/number, date or time/)],
    });
    expect(answer.notes).toEqual([expect.stringMatching(/^2 claims were left out\b.*(name|number)/)]);
    expect(answer.notCovered).toBe('when the sanctions might resume');
    expect(renderAnswerText(answer)).toContain('Not in the article: when the sanctions might resume');
    expect(answerToJson(answer)).toMatchObject({
      claims: [{ text: answer.text, citations: [1] }],
      removed: { count: 2 },
      notCovered: 'when the sanctions might resume',
    });
  });

  it('when every claim is removed the reader gets "the article doesn\'t say", nothing unsupported', async () => {
    fake.queueChat(claimsReply([{ text: 'Officials met in Geneva.', quote: HALTED }]));
    const answer = await engine.answerer.answer({ question: QUESTION });
    expect(answer).toMatchObject({
      mode: 'declined',
      text: "The article doesn't say.",
      claims: [],
      citations: [],
    });
    expect(seen(answer)).not.toContain('Geneva');
    expect(answer.notes).toEqual([expect.stringMatching(/^1 claim was left out because/)]);
  });
});

describe('GROUNDING_CHECK=model: the second opinion', () => {
  const HALTED =
    'The United States has halted plans to impose sanctions on China’s Ministry of State Security (MSS), opting instead to preserve the delicate trade truce';
  const PAUSED = 'The U.S. paused the sanctions to protect the truce.';
  // A detail no rule can see: the code check keeps it, an honest judge does not.
  const SECRET = 'The U.S. quietly paused the sanctions to protect the truce with Beijing.';
  const answerReply = () => ({
    content: JSON.stringify({
      answerable: true,
      claims: [PAUSED, SECRET].map((text) => ({ text, quotes: [{ source: 1, quote: HALTED }] })),
      not_covered: null,
    }),
  });
  let judgeReply: (body: FakeChatBody) => FakeReply;
  let fake: FakeOpenAi;
  let engine: TestEngine;

  beforeAll(async () => {
    fake = await startFakeOpenAi({
      chat: (body) => (isGroundingCheck(body) ? judgeReply(body) : answerReply()),
    });
    engine = await createTestEngine({ baseURL: fake.baseURL, groundingCheck: true, timeoutMs: 1_000 });
    article = engine.articles[0]!;
  });
  afterAll(() => fake.close());

  it('asks a cheap model about each claim with the question, its quotes and paragraphs, and removes what it rejects', async () => {
    judgeReply = createHonestJudge({ truth: (claim) => claim !== SECRET }).handler;
    const answer = await engine.answerer.answer({ question: QUESTION });
    const check = fake.chatBodies.at(-1)!;
    expect(check).toMatchObject({
      model: 'gpt-4.1-nano',
      response_format: { json_schema: { name: 'claim_verdicts' } },
    });
    const user = check.messages.find((message) => message.role === 'user')?.content ?? '';
    expect(user).toContain(`<question>${QUESTION}</question>`);
    expect(user).toContain(`"${HALTED}"`);
    expect(answer.claims.map((claim) => claim.text)).toEqual([`${PAUSED.slice(0, -1)} [1].`]);
    expect(answer.notes.join(' ')).toMatch(/1 claim was left out because a second check/);
    expect(seen(answer)).not.toContain('quietly');
  });

  it('reads a judge that writes its verdicts loosely (fenced, prose around, yes/no strings)', async () => {
    const judge = createHonestJudge({ truth: (claim) => claim !== SECRET });
    judgeReply = judge.handler;
    for (let form = 0; form < 6; form += 1) {
      const answer = await engine.answerer.answer({ question: QUESTION });
      expect(answer.claims, `judge form ${form}`).toHaveLength(1);
      expect(answer.notes.join(' ')).not.toMatch(/unavailable/);
    }
  });

  it.each([
    ['fails', () => ({ status: 500, error: { message: 'The server had an error', type: 'server_error' } })],
    ['times out', () => ({ content: '{"verdicts": []}', delayMs: 1_500 })],
    ['answers in a form that cannot be read', () => ({ content: 'Both claims look fine to me.' })],
  ] as const)('a judge that %s never passes claims silently: readers are told', async (_how, reply) => {
    judgeReply = reply;
    const answer = await engine.answerer.answer({ question: QUESTION });
    expect(answer.mode).toBe('llm');
    expect(answer.claims).toHaveLength(2);
    const note = 'Second check unavailable: checked by code only.';
    expect(answer.notes).toContain(note);
    expect(renderAnswerText(answer)).toContain(note);
    expect(JSON.stringify(answerToJson(answer))).toContain(note);
    expect(
      renderAnswer(answer, { findArticle: () => article })
        .map((m) => JSON.stringify(m))
        .join(''),
    ).toContain(note);
  });
});
