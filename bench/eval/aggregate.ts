import { mean, share } from '../lib/stats.js';
import { hitAt, recallAt, reciprocalRankAt } from './metrics.js';
import type { AnswerOutcome, QuestionOutcome } from './types.js';

/** Retrieval quality over the answerable questions of a group. */
export interface RetrievalFigures {
  readonly recallAt1: number | null;
  readonly recallAt3: number | null;
  readonly recallAt5: number | null;
  readonly hitAt1: number | null;
  readonly hitAt3: number | null;
  readonly mrrAt10: number | null;
  /** Share of answerable questions that reached the right story. */
  readonly storyAccuracy: number | null;
}

/** The evidence gate: lets answerable questions through, stops the rest before any model call. */
export interface GateFigures {
  /** Share of all questions the gate judged right. */
  readonly accuracy: number | null;
  /** Share of answerable questions let through (should be 1). */
  readonly passedAnswerable: number | null;
  /** Share of unanswerable, off-topic and injection questions stopped by the gate. */
  readonly stoppedUnanswerable: number | null;
}

/** One answering mode (the quoting fake model, or extractive). */
export interface ModeFigures {
  /** Share of questions right for a reader: right intent, then a gold first quote, a reply, or a decline. */
  readonly right: number | null;
  /** Share of answerable questions given an answer (not declined). */
  readonly answered: number | null;
  /** Share of non-answerable questions declined, by the gate or by the model. */
  readonly declinedUnanswerable: number | null;
  /** Share of non-answerable questions declined without any model call. */
  readonly declinedWithoutModelCall: number | null;
  readonly modelCalls: number;
  readonly shownQuotes: number;
  /** Share of shown quotes found character for character in the cited paragraph (must be 1). */
  readonly verbatim: number | null;
  /** Share of shown citations (answerable questions) pointing at a gold paragraph of the story. */
  readonly citationPrecision: number | null;
  /** Share of answerable questions whose answer cites at least one gold paragraph. */
  readonly goldCited: number | null;
  readonly fabricatedSent: number;
  /** Share of made-up quotes kept from the reader. */
  readonly fabricatedCaught: number | null;
  readonly misattributedSent: number;
  /** Share of misattributed quotes shown under the paragraph that really holds them. */
  readonly misattributedFixed: number | null;
  /** Mean prompt tokens (o200k) per model call. */
  readonly promptTokensPerCall: number | null;
  /** Mean prompt tokens (o200k) of whole-article stuffing for the same questions. */
  readonly wholeArticleTokensSameQuestions: number | null;
  /** Mean prompt tokens per model call the server served from its prompt cache. */
  readonly cachedTokensPerCall: number | null;
  /** Share of answerable questions sent to the model whose gold paragraphs were all in the prompt. */
  readonly goldInPrompt: number | null;
}

/** Prompt size against recall, over answerable questions: top-k passages against the whole story. */
export interface TokenFigures {
  readonly atK: Readonly<Record<string, number | null>>;
  readonly wholeArticle: number | null;
}

/** All figures for a group of questions (one kind, or all). */
export interface GroupFigures {
  readonly questions: number;
  readonly answerable: number;
  readonly retrieval: RetrievalFigures;
  readonly gate: GateFigures;
  readonly llm: ModeFigures;
  readonly extractive: ModeFigures;
  readonly tokens: TokenFigures;
}

const meanOf = <T>(items: readonly T[], value: (item: T) => number) => mean(items.map(value));
const countWhere = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;

function retrievalFigures(answerable: readonly QuestionOutcome[], storyId: string): RetrievalFigures {
  const at = (metric: typeof recallAt, k: number) =>
    meanOf(answerable, ({ retrieval, question }) => metric(retrieval.ranked, question.gold, k));
  return {
    recallAt1: at(recallAt, 1),
    recallAt3: at(recallAt, 3),
    recallAt5: at(recallAt, 5),
    hitAt1: at(hitAt, 1),
    hitAt3: at(hitAt, 3),
    mrrAt10: at(reciprocalRankAt, 10),
    storyAccuracy: share(
      countWhere(answerable, (outcome) => outcome.retrieval.story === storyId),
      answerable.length,
    ),
  };
}

function modeFigures(
  all: readonly QuestionOutcome[],
  pick: (outcome: QuestionOutcome) => AnswerOutcome,
  storyId: string,
): ModeFigures {
  const answerable = all.filter((outcome) => outcome.answerable);
  const rest = all.filter((outcome) => !outcome.answerable && !outcome.social);
  const shown = all.flatMap((outcome) => pick(outcome).citations);
  const shownAnswerable = answerable.flatMap((outcome) =>
    pick(outcome).citations.map((citation) => ({ citation, gold: outcome.question.gold })),
  );
  const sent = all.flatMap((outcome) => pick(outcome).sent);
  const fabricated = sent.filter((quote) => quote.fabricated);
  const misattributed = sent.filter((quote) => quote.misattributed);
  const called = all.filter((outcome) => pick(outcome).modelCalls > 0);
  const isGold = (articleId: string, paragraph: number, gold: readonly number[]) =>
    articleId === storyId && gold.includes(paragraph);
  return {
    right: share(
      countWhere(all, (outcome) => pick(outcome).right),
      all.length,
    ),
    answered: share(
      countWhere(answerable, (outcome) => pick(outcome).mode !== 'declined'),
      answerable.length,
    ),
    declinedUnanswerable: share(
      countWhere(rest, (outcome) => pick(outcome).mode === 'declined'),
      rest.length,
    ),
    declinedWithoutModelCall: share(
      countWhere(rest, (outcome) => pick(outcome).mode === 'declined' && pick(outcome).modelCalls === 0),
      rest.length,
    ),
    modelCalls: all.reduce((sum, outcome) => sum + pick(outcome).modelCalls, 0),
    shownQuotes: shown.length,
    verbatim: share(
      countWhere(shown, (citation) => citation.verbatim),
      shown.length,
    ),
    citationPrecision: share(
      countWhere(shownAnswerable, ({ citation, gold }) =>
        isGold(citation.articleId, citation.paragraph, gold),
      ),
      shownAnswerable.length,
    ),
    goldCited: share(
      countWhere(answerable, (outcome) =>
        pick(outcome).citations.some((citation) =>
          isGold(citation.articleId, citation.paragraph, outcome.question.gold),
        ),
      ),
      answerable.length,
    ),
    fabricatedSent: fabricated.length,
    fabricatedCaught: share(
      countWhere(fabricated, (quote) => !quote.shown),
      fabricated.length,
    ),
    misattributedSent: misattributed.length,
    misattributedFixed: share(
      countWhere(misattributed, (quote) => quote.correctlyAttributed),
      misattributed.length,
    ),
    promptTokensPerCall: share(
      called.reduce((sum, outcome) => sum + pick(outcome).promptTokens, 0),
      called.reduce((sum, outcome) => sum + pick(outcome).modelCalls, 0),
    ),
    wholeArticleTokensSameQuestions: meanOf(called, (outcome) => outcome.retrieval.wholeArticleTokens),
    cachedTokensPerCall: share(
      called.reduce((sum, outcome) => sum + pick(outcome).cachedTokens, 0),
      called.reduce((sum, outcome) => sum + pick(outcome).modelCalls, 0),
    ),
    goldInPrompt: share(
      countWhere(answerable, (outcome) => pick(outcome).goldInPrompt === true),
      countWhere(answerable, (outcome) => pick(outcome).goldInPrompt !== null),
    ),
  };
}

function tokenFigures(answerable: readonly QuestionOutcome[]): TokenFigures {
  const keys = Object.keys(answerable[0]?.retrieval.promptTokensAtK ?? {});
  return {
    atK: Object.fromEntries(
      keys.map((k) => [k, meanOf(answerable, (outcome) => outcome.retrieval.promptTokensAtK[k] ?? 0)]),
    ),
    wholeArticle: meanOf(answerable, (outcome) => outcome.retrieval.wholeArticleTokens),
  };
}

/** Aggregates per-question outcomes into the figures the report shows. */
export function aggregate(outcomes: readonly QuestionOutcome[], storyId: string): GroupFigures {
  const answerable = outcomes.filter((outcome) => outcome.answerable);
  const rest = outcomes.filter((outcome) => !outcome.answerable && !outcome.social);
  const passed = countWhere(answerable, (outcome) => outcome.retrieval.relevant);
  const stopped = countWhere(rest, (outcome) => !outcome.retrieval.relevant);
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    retrieval: retrievalFigures(answerable, storyId),
    gate: {
      accuracy: share(passed + stopped, answerable.length + rest.length),
      passedAnswerable: share(passed, answerable.length),
      stoppedUnanswerable: share(stopped, rest.length),
    },
    llm: modeFigures(outcomes, (outcome) => outcome.llm, storyId),
    extractive: modeFigures(outcomes, (outcome) => outcome.extractive, storyId),
    tokens: tokenFigures(answerable),
  };
}
