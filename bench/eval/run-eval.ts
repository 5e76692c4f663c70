import { performance } from 'node:perf_hooks';
import type { Prompts } from '../../src/answering/prompt/prompts.js';
import type { Article } from '../../src/articles/types.js';
import type { LabelledQuestion } from '../../tests/helpers/questions.js';
import { round } from '../lib/stats.js';
import { aggregate, type GroupFigures } from './aggregate.js';
import { createEvalEngines } from './engines.js';
import { evaluateQuestion, type Turns } from './evaluate-question.js';
import { gateCurve, type CurvePoint } from './gate-curve.js';
import type { QuestionOutcome } from './types.js';

export interface EvalRunOptions {
  /** Every article loaded: the story alone, or the story among distractors. */
  readonly articles: readonly Article[];
  /** The id of the story the questions are about. */
  readonly storyId: string;
  readonly questions: readonly LabelledQuestion[];
  readonly prompts: Prompts;
  readonly fabricateShare?: number;
  readonly misattributeShare?: number;
}

/** One line per question in the JSON report, to see where a figure comes from. */
export interface QuestionLine {
  readonly id: string;
  readonly kind: LabelledQuestion['kind'];
  readonly gold: readonly number[];
  readonly story: string;
  readonly ranked: readonly number[];
  readonly gate: 'pass' | 'stop';
  readonly coverage: number;
  readonly intent: string;
  readonly right: { readonly llm: boolean; readonly extractive: boolean };
  readonly llm: string;
  readonly extractive: string;
}

/** The figures of one evaluation run. */
export interface EvalReport {
  readonly setting: {
    readonly articles: number;
    readonly storyId: string;
    readonly questions: number;
    readonly fabricateShare: number;
    readonly misattributeShare: number;
  };
  readonly overall: GroupFigures;
  readonly byKind: Readonly<Record<string, GroupFigures>>;
  /**
   * The gate's trade-off per coverage threshold: questions asked on their own (no conversation, not
   * summaries or greetings), answerable against unanswerable, off-topic and injection.
   */
  readonly gateCurve: readonly CurvePoint[];
  /** The same figures grouped by the reader intent each question should be recognised as. */
  readonly byIntent: Readonly<Record<string, GroupFigures>>;
  readonly timingsMs: { readonly engine: number; readonly questions: number };
  readonly questions: readonly QuestionLine[];
}

const line = (outcome: QuestionOutcome): QuestionLine => ({
  id: outcome.question.id,
  kind: outcome.question.kind,
  gold: outcome.question.gold,
  story: outcome.retrieval.story,
  ranked: outcome.retrieval.ranked.slice(0, 5),
  gate: outcome.retrieval.relevant ? 'pass' : 'stop',
  coverage: Math.round(outcome.retrieval.coverage * 1000) / 1000,
  intent: outcome.extractive.intent,
  right: { llm: outcome.llm.right, extractive: outcome.extractive.right },
  llm: `${outcome.llm.mode} ${outcome.llm.citations.map((citation) => `¶${citation.paragraph}`).join(' ')}`.trim(),
  extractive:
    `${outcome.extractive.mode} ${outcome.extractive.citations.map((citation) => `¶${citation.paragraph}`).join(' ')}`.trim(),
});

/** Asks every labelled question of the story and aggregates the figures, per kind and overall. */
export async function runEval(options: EvalRunOptions): Promise<EvalReport> {
  const { articles, storyId, questions, prompts, fabricateShare = 0.2, misattributeShare = 0.2 } = options;
  const story = articles.find((article) => article.id === storyId);
  if (!story) throw new Error(`The story "${storyId}" is not among the ${articles.length} loaded articles.`);
  const started = performance.now();
  const engines = await createEvalEngines({ articles, prompts, fabricateShare, misattributeShare });
  const built = performance.now();
  const context = {
    engines,
    prompts,
    story,
    byId: new Map(articles.map((article) => [article.id, article])),
  };
  const outcomes: QuestionOutcome[] = [];
  const turns = new Map<string, Turns>();
  try {
    for (const question of questions) {
      const first = question.followUpOf === undefined ? undefined : turns.get(question.followUpOf);
      const result = await evaluateQuestion(context, question, first);
      outcomes.push(result.outcome);
      turns.set(question.id, result.turns);
    }
  } finally {
    await engines.close();
  }
  const kinds = [...new Set(questions.map((question) => question.kind))];
  return {
    setting: {
      articles: articles.length,
      storyId,
      questions: questions.length,
      fabricateShare,
      misattributeShare,
    },
    overall: aggregate(outcomes, storyId),
    byKind: Object.fromEntries(
      kinds.map((kind) => [
        kind,
        aggregate(
          outcomes.filter((o) => o.question.kind === kind),
          storyId,
        ),
      ]),
    ),
    gateCurve: gateCurve(
      outcomes
        .filter((o) => o.question.followUpOf === undefined && !o.social && o.question.kind !== 'summary')
        .map((o) => ({ answerable: o.answerable, coverage: o.retrieval.coverage })),
    ),
    byIntent: Object.fromEntries(
      [...new Set(questions.map((question) => question.intent ?? 'question'))].map((intent) => [
        intent,
        aggregate(
          outcomes.filter((o) => (o.question.intent ?? 'question') === intent),
          storyId,
        ),
      ]),
    ),
    timingsMs: { engine: round(built - started, 1), questions: round(performance.now() - built, 1) },
    questions: outcomes.map(line),
  };
}
