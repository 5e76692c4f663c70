import { performance } from 'node:perf_hooks';
import { countTokens } from 'gpt-tokenizer/model/gpt-4.1-mini';
import { loadArticles } from '../../src/articles/load-articles.js';
import type { Answerer } from '../../src/domain/types.js';
import { createTestEngine, DATA_DIR } from '../../tests/helpers/engine.js';
import { startFakeOpenAi, type FakeChatBody } from '../../tests/helpers/fake-openai.js';
import { createMessyModel, MESSY_FORMS } from '../../tests/helpers/messy-model/index.js';
import { createHonestJudge, isGroundingCheck } from '../../tests/helpers/claim-judge.js';
import { loadQuestions } from '../../tests/helpers/questions.js';
import { ANSWERABLE_KINDS } from '../eval/types.js';

/** USD per million tokens (OpenAI list prices): input, output. */
const PRICES = { 'gpt-4.1-mini': [0.4, 1.6], 'gpt-4.1-nano': [0.1, 0.4] } as const;

/** What the optional model check costs and catches. */
export interface GroundingCheckFigures {
  readonly answers: number;
  readonly oppositeSlipped: number;
  readonly oppositeShownCodeOnly: number;
  readonly oppositeShownWithModel: number;
  readonly honestClaimsShownCodeOnly: number;
  readonly honestClaimsShownWithModel: number;
  /** Per answer, counted with gpt-tokenizer (o200k): the answer call, and the check call. */
  readonly answerTokens: { readonly prompt: number; readonly completion: number };
  readonly checkTokens: { readonly prompt: number; readonly completion: number };
  /** USD per 1,000 answers. */
  readonly answerCostPer1000: number;
  readonly checkCostPer1000: number;
  /** Engine time per answer on the loopback fake (model time excluded: the fake answers at once). */
  readonly msPerAnswerCodeOnly: number;
  readonly msPerAnswerWithModel: number;
}

const tokensOf = (body: FakeChatBody) =>
  countTokens(body.messages.map(({ role, content }) => ({ role, content })));
const cost = (model: keyof typeof PRICES, prompt: number, completion: number) =>
  ((prompt * PRICES[model][0] + completion * PRICES[model][1]) / 1e6) * 1000;

/**
 * Runs the answerable questions with an "opposite" claim in every other answer, with the code
 * check alone and with the model check.
 */
export async function measureGroundingCheck(): Promise<GroundingCheckFigures> {
  const { articles } = await loadArticles(DATA_DIR);
  const questions = loadQuestions().filter((question) => ANSWERABLE_KINDS.includes(question.kind));
  const model = createMessyModel({
    form: MESSY_FORMS[0]!,
    invent: (question) =>
      questions.findIndex((q) => q.question === question) % 2 === 0 ? 'opposite' : undefined,
  });
  const judge = createHonestJudge();
  const replies = new Map<FakeChatBody, string>();
  const fake = await startFakeOpenAi({
    chat: (body) => {
      const reply = isGroundingCheck(body) ? judge.handler(body) : model.handler(body);
      if ('content' in reply && typeof reply.content === 'string') replies.set(body, reply.content);
      return reply;
    },
  });
  try {
    const run = async (answerer: Answerer) => {
      const started = performance.now();
      let opposite = 0;
      let honest = 0;
      for (const { question } of questions) {
        const answer = await answerer.answer({ question });
        opposite += answer.claims.filter((claim) => claim.text.includes(' not ')).length;
        honest += answer.claims.filter((claim) => !claim.text.includes(' not ')).length;
      }
      return { opposite, honest, ms: (performance.now() - started) / questions.length };
    };
    const options = { baseURL: fake.baseURL, articles, timeoutMs: 10_000 };
    const codeEngine = await createTestEngine(options);
    await run(codeEngine.answerer); // warm-up: loads the language model, compiles the hot paths
    const before = model.calls.length;
    const codeOnly = await run(codeEngine.answerer);
    const slipped = model.calls
      .slice(before)
      .filter((call) => call.answer.claims.some((c) => c.invented)).length;
    fake.forget();
    replies.clear();
    const withModel = await run((await createTestEngine({ ...options, groundingCheck: true })).answerer);
    const calls = [...replies.entries()];
    const sum = (check: boolean, pick: (body: FakeChatBody, content: string) => number) =>
      calls
        .filter(([body]) => isGroundingCheck(body) === check)
        .reduce((total, [body, content]) => total + pick(body, content), 0) / questions.length;
    const answerTokens = { prompt: sum(false, tokensOf), completion: sum(false, (_b, c) => countTokens(c)) };
    const checkTokens = { prompt: sum(true, tokensOf), completion: sum(true, (_b, c) => countTokens(c)) };
    return {
      answers: questions.length,
      oppositeSlipped: slipped,
      oppositeShownCodeOnly: codeOnly.opposite,
      oppositeShownWithModel: withModel.opposite,
      honestClaimsShownCodeOnly: codeOnly.honest,
      honestClaimsShownWithModel: withModel.honest,
      answerTokens,
      checkTokens,
      answerCostPer1000: cost('gpt-4.1-mini', answerTokens.prompt, answerTokens.completion),
      checkCostPer1000: cost('gpt-4.1-nano', checkTokens.prompt, checkTokens.completion),
      msPerAnswerCodeOnly: codeOnly.ms,
      msPerAnswerWithModel: withModel.ms,
    };
  } finally {
    await fake.close();
  }
}

/** The figures as a short text table. */
export function groundingCheckTable(f: GroundingCheckFigures): string {
  const r = (value: number, digits = 1) => value.toFixed(digits);
  return [
    `answers: ${f.answers}; "opposite" claims slipped in: ${f.oppositeSlipped}`,
    `opposite claims shown: code check ${f.oppositeShownCodeOnly}, with the model check ${f.oppositeShownWithModel}`,
    `honest claims shown: code check ${f.honestClaimsShownCodeOnly}, with the model check ${f.honestClaimsShownWithModel}`,
    `tokens per answer: answer call ${r(f.answerTokens.prompt, 0)} in + ${r(f.answerTokens.completion, 0)} out; check call ${r(f.checkTokens.prompt, 0)} in + ${r(f.checkTokens.completion, 0)} out`,
    `cost per 1,000 answers: answer (gpt-4.1-mini) $${r(f.answerCostPer1000, 3)}; check (gpt-4.1-nano) $${r(f.checkCostPer1000, 3)} (+${r((100 * f.checkCostPer1000) / f.answerCostPer1000)}%)`,
    `engine time per answer on the loopback fake: ${r(f.msPerAnswerCodeOnly)} ms code check, ${r(f.msPerAnswerWithModel)} ms with the model check (plus one more model round trip in real use)`,
  ].join('\n');
}
