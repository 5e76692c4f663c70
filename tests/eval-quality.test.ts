import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPrompts } from '../src/answering/prompt/prompts.js';
import { loadArticles } from '../src/articles/load-articles.js';
import type { GroupFigures } from '../bench/eval/aggregate.js';
import { runEval, type EvalReport } from '../bench/eval/run-eval.js';
import { STORY_ID } from '../bench/eval/story.js';
import { DATA_DIR, ROOT } from './helpers/engine.js';
import { loadAllQuestions, loadReaderQuestions } from './helpers/questions.js';

// The small eval of `npm run eval` (one article, 124 labelled questions: the 70 of questions.jsonl and
// the 54 reader-style ones of reader-questions.jsonl; the quoting fake model with
// 20% fabricated and 20% misattributed first quotes). Each floor is the figure measured when it was
// set (in the comment): lower means a regression. Raise a floor when the engine gets better.
let report: EvalReport;

beforeAll(async () => {
  const { articles } = await loadArticles(DATA_DIR);
  report = await runEval({
    articles,
    storyId: STORY_ID,
    questions: loadAllQuestions(),
    prompts: await loadPrompts(path.join(ROOT, 'prompts')),
    fabricateShare: 0.2,
    misattributeShare: 0.2,
  });
});

const kind = (name: string): GroupFigures => {
  const figures = report.byKind[name];
  if (!figures) throw new Error(`no questions of kind ${name}`);
  return figures;
};

describe('answer quality on the labelled questions', () => {
  it('shows only quotes that are word for word in the article, and no made-up quote', () => {
    const { llm, extractive } = report.overall;
    expect(llm.shownQuotes).toBeGreaterThan(0);
    expect(llm.verbatim).toBe(1); // measured 1 (94 quotes); must stay 1
    expect(extractive.verbatim).toBe(1); // measured 1 (128 quotes); must stay 1
    expect(llm.fabricatedSent).toBeGreaterThan(0);
    expect(llm.fabricatedCaught).toBe(1); // measured 1 (18 of 18)
    expect(llm.misattributedSent).toBeGreaterThan(0);
    expect(llm.misattributedFixed).toBe(1); // measured 1 (13 of 13 shown under the paragraph that holds them)
  });

  it('ranks gold paragraphs no worse than when the floors were set', () => {
    const { retrieval } = report.overall;
    expect(retrieval.recallAt1).toBeGreaterThanOrEqual(0.73); // measured 0.730
    expect(retrieval.recallAt3).toBeGreaterThanOrEqual(0.85); // measured 0.851
    expect(retrieval.mrrAt10).toBeGreaterThanOrEqual(0.87); // measured 0.871
    expect(retrieval.hitAt3).toBeGreaterThanOrEqual(0.936); // measured 0.936
    expect(kind('direct').retrieval.hitAt1).toBeGreaterThanOrEqual(0.95); // measured 0.95
    expect(kind('paraphrase').retrieval.hitAt3).toBeGreaterThanOrEqual(0.666); // measured 0.667
    expect(kind('multi').retrieval.recallAt3).toBeGreaterThanOrEqual(0.75); // measured 0.75
    expect(kind('followup').retrieval.hitAt3).toBe(1); // measured 1
  });

  it('declines off-topic questions without a model call and lets answerable ones through', () => {
    expect(report.overall.gate.passedAnswerable).toBeGreaterThanOrEqual(0.946); // measured 0.947 (89 of 94)
    expect(report.overall.gate.stoppedUnanswerable).toBeGreaterThanOrEqual(0.944); // measured 0.944 (17 of 18)
    expect(kind('offtopic').llm.declinedWithoutModelCall).toBe(1); // measured 1 (6 of 6)
    expect(kind('injection').llm.declinedWithoutModelCall).toBe(1); // measured 1 (7 of 7)
  });

  it('answers and cites gold paragraphs no worse than when the floors were set', () => {
    const { llm, extractive } = report.overall;
    expect(llm.answered).toBeGreaterThanOrEqual(0.925); // measured 0.926 (87 of 94)
    expect(extractive.answered).toBeGreaterThanOrEqual(0.946); // measured 0.947 (89 of 94)
    expect(llm.citationPrecision).toBeGreaterThanOrEqual(0.506); // measured 0.507
    expect(extractive.citationPrecision).toBeGreaterThanOrEqual(0.653); // measured 0.654
    expect(llm.goldCited).toBeGreaterThanOrEqual(0.734); // measured 0.734
    expect(extractive.goldCited).toBeGreaterThanOrEqual(0.819); // measured 0.819
  });

  it('gets reader-style turns right without a model: intent, then the first quote, a reply or a decline', () => {
    const ids = new Set(loadReaderQuestions().map((question) => question.id));
    const reader = report.questions.filter((line) => ids.has(line.id));
    const right = reader.filter((line) => line.right.extractive).length;
    expect(right / reader.length).toBeGreaterThanOrEqual(0.888); // measured 0.889 (48 of 54)
    expect(kind('greeting').extractive.right).toBe(1); // measured 1 (12 of 12), no model call
    expect(kind('greeting').llm.right).toBe(1); // measured 1 (12 of 12), no model call
    expect(kind('summary').extractive.right).toBe(1); // measured 1 (10 of 10)
  });

  it('puts every gold paragraph in the prompt, in a prefix the server caches', () => {
    const { promptTokensPerCall, cachedTokensPerCall, goldInPrompt } = report.overall.llm;
    expect(goldInPrompt).toBe(1); // measured 1 (the whole story fits STORYBOT_CONTEXT_BUDGET); was 0.87 at k=5
    // Input priced like the gpt-4.1 family (cached tokens at a quarter), against today's top-5 prompt with no cache:
    // measured (118 + 1132 / 4) / 864 = 0.46 with the claims prompt; a ceiling, not a floor.
    const uncached = (promptTokensPerCall ?? 0) - (cachedTokensPerCall ?? 0);
    const topFive = report.overall.tokens.atK['5'] ?? 1;
    expect((uncached + (cachedTokensPerCall ?? 0) / 4) / topFive).toBeLessThanOrEqual(0.6);
  });
});
