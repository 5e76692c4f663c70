import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../src/articles/types.js';
import { answerToJson } from '../src/cli/to-json.js';
import { renderAnswer } from '../src/discord/render/render-answer.js';
import type { Answer } from '../src/domain/types.js';
import { renderAnswerText } from '../src/render/answer-text.js';
import { createTestEngine, type TestEngine } from './helpers/engine.js';
import { startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
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
    expect(answer.removed).toEqual({ count: 2, reasons: [expect.stringMatching(/name, number or date/)] });
    expect(answer.notes).toEqual([
      expect.stringMatching(/^2 claims were left out because .*name, number or date/),
    ]);
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
  it('removes a claim that reuses its quote’s words to say the opposite, which the code check keeps', async () => {
    const model = createMessyModel({ form: MESSY_FORMS[0]!, invent: () => 'opposite' });
    const judge = createHonestJudge();
    const fake = await startFakeOpenAi({
      chat: (body) => (isGroundingCheck(body) ? judge.handler(body) : model.handler(body)),
    });
    try {
      const codeOnly = await createTestEngine({ baseURL: fake.baseURL });
      const withModel = await createTestEngine({ baseURL: fake.baseURL, groundingCheck: true });
      const opposite = await codeOnly.answerer.answer({ question: QUESTION });
      expect(opposite.claims.some((claim) => claim.text.includes(' not '))).toBe(true);
      const before = fake.chatBodies.length;
      const checked = await withModel.answerer.answer({ question: QUESTION });
      expect(fake.chatBodies.length - before).toBe(2);
      expect(fake.chatBodies.at(-1)).toMatchObject({
        model: 'gpt-4.1-nano',
        response_format: { json_schema: { name: 'claim_verdicts' } },
      });
      expect(checked.claims.some((claim) => claim.text.includes(' not '))).toBe(false);
      expect(checked.claims.length).toBeGreaterThan(0);
      expect(checked.notes.join(' ')).toMatch(/second check/);
      expect(checked.usage.promptTokens).toBeGreaterThan(opposite.usage.promptTokens);
    } finally {
      await fake.close();
    }
  });
});
