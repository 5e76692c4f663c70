import type { Prompts } from '../../src/answering/prompt/prompts.js';
import type { Article } from '../../src/articles/types.js';
import { answerToJson } from '../../src/cli/to-json.js';
import { renderAnswer } from '../../src/discord/render/render-answer.js';
import type { Answer, Answerer, Retriever } from '../../src/domain/types.js';
import { createEngine } from '../../src/engine/create-engine.js';
import { createLogger } from '../../src/logging/logger.js';
import { renderAnswerText } from '../../src/render/answer-text.js';
import { ROOT, testConfig } from '../../tests/helpers/engine.js';
import { startFakeOpenAi } from '../../tests/helpers/fake-openai.js';
import {
  createMessyModel,
  kindFor,
  MESSY_FORMS,
  type MessyCall,
  type MessyForm,
} from '../../tests/helpers/messy-model/index.js';
import { historyFor, type LabelledQuestion } from '../../tests/helpers/questions.js';
import { ANSWERABLE_KINDS } from './types.js';

/** The figures for one form of model output. */
export interface FormFigures {
  readonly form: string;
  readonly family: MessyForm['family'];
  /** Honest answers the fake gave (answerable questions it answered). */
  readonly honest: number;
  /** Of those, answers that reached the reader as model answers. */
  readonly keptAsModel: number;
  /** Honest claims written (the truncated form's cut-off claim not counted) and shown. */
  readonly honestClaims: number;
  readonly honestClaimsShown: number;
  /** Invented claims slipped into true answers, and how many reached a reader in any front end. */
  readonly invented: number;
  readonly inventedShown: number;
  /** Shown quotes, and how many are verbatim article text. */
  readonly quotes: number;
  readonly quotesVerbatim: number;
  /** Claims removed by grounding, by reason: in honest answers (wrongly) and in answers with an invention. */
  readonly removedHonest: Readonly<Record<string, number>>;
  readonly removedInvented: Readonly<Record<string, number>>;
  /** Per invented kind: how many were slipped in and how many were shown. */
  readonly byKind: Readonly<Record<string, { slipped: number; shown: number }>>;
  /** Unanswerable questions put to the model, how many the fake model declined, and how many readers saw declined. */
  readonly unanswerable: number;
  readonly modelDeclined: number;
  readonly declined: number;
}

interface Run {
  readonly answerer: Answerer;
  readonly calls: readonly MessyCall[];
  close(): Promise<void>;
}

async function startRun(form: MessyForm, invent: boolean, base: EvalBase): Promise<Run> {
  const model = createMessyModel({
    form,
    ...(invent && { invent: (question: string) => kindFor(question) }),
  });
  const fake = await startFakeOpenAi({ chat: model.handler });
  const engine = await createEngine(testConfig({ baseURL: fake.baseURL, timeoutMs: 10_000 }), {
    root: ROOT,
    logger: createLogger({ level: 'silent' }),
    articles: base.articles,
    prompts: base.prompts,
    retriever: base.retriever,
    loadBudget: () => Promise.resolve(undefined),
  });
  return { answerer: engine.answerer, calls: model.calls, close: () => fake.close() };
}

/** Everything a reader could see of an answer, in every front end. */
function seenText(answer: Answer, article: Article): string {
  const discord = renderAnswer(answer, { findArticle: () => article }).map((message) =>
    JSON.stringify(message),
  );
  return [renderAnswerText(answer), JSON.stringify(answerToJson(answer)), ...discord]
    .join('\n')
    .toLowerCase();
}

const verbatim = (answer: Answer, article: Article) =>
  answer.citations.filter((citation) => {
    const text = article.paragraphs[citation.paragraph - 1]?.text ?? '';
    return citation.quote.split(' … ').every((piece) => text.includes(piece));
  }).length;

export interface EvalBase {
  readonly articles: readonly Article[];
  readonly story: Article;
  readonly prompts: Prompts;
  readonly retriever: Retriever;
  readonly questions: readonly LabelledQuestion[];
}

/** Runs one form over the labelled questions: honest answers, then answers with an invented claim. */
export async function evaluateForm(form: MessyForm, base: EvalBase): Promise<FormFigures> {
  const figures = {
    form: form.name,
    family: form.family,
    honest: 0,
    keptAsModel: 0,
    honestClaims: 0,
    honestClaimsShown: 0,
    invented: 0,
    inventedShown: 0,
    quotes: 0,
    quotesVerbatim: 0,
    unanswerable: 0,
    modelDeclined: 0,
    declined: 0,
  };
  const removedHonest: Record<string, number> = {};
  const removedInvented: Record<string, number> = {};
  const byKind: Record<string, { slipped: number; shown: number }> = {};
  for (const invent of [false, true]) {
    const removed = invent ? removedInvented : removedHonest;
    const run = await startRun(form, invent, base);
    try {
      for (const question of base.questions) {
        const answer = await run.answerer.answer({
          question: question.question,
          history: historyFor(question, base.questions),
        });
        const call = run.calls.findLast((entry) => entry.question === question.question);
        for (const reason of answer.removed.reasons) removed[reason] = (removed[reason] ?? 0) + 1;
        figures.quotes += answer.citations.length;
        figures.quotesVerbatim += verbatim(answer, base.story);
        if (!ANSWERABLE_KINDS.includes(question.kind)) {
          if (!invent && call) {
            figures.unanswerable += 1;
            if (!call.answer.answerable) figures.modelDeclined += 1;
            if (answer.mode === 'declined') figures.declined += 1;
          }
          continue;
        }
        if (!call?.answer.answerable) continue;
        const seen = seenText(answer, base.story);
        const honest = call.answer.claims.filter((claim) => !claim.invented);
        const shown = honest.filter((claim) =>
          answer.claims.some((c) => sameClaim(c.text, claim.text)),
        ).length;
        if (process.env.MESSY_DEBUG && shown < honest.length)
          process.stderr.write(
            `LOST ${form.name}: ${JSON.stringify(honest.map((c) => c.text))} => ${JSON.stringify(answer.claims.map((c) => c.text))} ${JSON.stringify(answer.removed)}\n`,
          );
        figures.honestClaims += honest.length;
        figures.honestClaimsShown += shown;
        if (!invent) {
          figures.honest += 1;
          if (answer.mode === 'llm') figures.keptAsModel += 1;
        }
        for (const claim of call.answer.claims.filter((c) => c.invented)) {
          const kind = (byKind[kindFor(question.question)] ??= { slipped: 0, shown: 0 });
          kind.slipped += 1;
          figures.invented += 1;
          if (seen.includes((claim.invented ?? '').toLowerCase())) {
            kind.shown += 1;
            figures.inventedShown += 1;
            if (process.env.MESSY_DEBUG)
              process.stderr.write(`LEAK ${form.name}: ${JSON.stringify(answer.claims)}\n`);
          }
        }
      }
    } finally {
      await run.close();
    }
  }
  return { ...figures, removedHonest, removedInvented, byKind };
}

const letters = (text: string) =>
  text
    .toLowerCase()
    .replace(/\[\d+\]/g, '')
    .replace(/[^a-z0-9]/g, '');
// A prose form may append the quote to the claim's sentence, so the written text is a prefix.
const sameClaim = (shown: string, written: string) => letters(shown).startsWith(letters(written));

/** Runs every form. */
export async function runMessyEval(base: EvalBase): Promise<FormFigures[]> {
  const rows: FormFigures[] = [];
  for (const form of MESSY_FORMS) rows.push(await evaluateForm(form, base));
  return rows;
}
