import type { Answer } from '../domain/types.js';

interface CitationJson {
  n: number;
  article: string;
  paragraph: number;
  quote: string;
  verified: boolean;
}

/** The JSON shape `storybot ask --json` prints for one answer. */
export interface AnswerJson {
  readonly question: string;
  readonly mode: Answer['mode'];
  readonly answer: string;
  readonly citations: CitationJson[];
  /** Each claim shown, with the numbers of the citations backing it. */
  readonly claims: { text: string; citations: number[] }[];
  /** Claims the model wrote that grounding removed: how many and why. */
  readonly removed: { count: number; reasons: readonly string[] };
  /** The part of the question the article doesn't answer, when the model said so. */
  readonly notCovered: string | null;
  readonly retrieved: { article: string; paragraph: number; score: number; text: string }[];
  readonly notes: readonly string[];
  readonly suggestions: readonly string[];
  readonly usage: Answer['usage'];
  readonly timingsMs: Answer['timingsMs'];
  /** What the reader wanted: question, summary, greeting, thanks, about-bot, capabilities, clarify-story. */
  readonly intent: string;
  /** For clarify-story: the stories to choose from; ask again with `--story ID`. */
  readonly choices?: Answer['choices'];
  /**
   * Set when the answer ended early: `stopped`, or `cut-short` when the model failed partway (with
   * the failure's `code`); `claims` then holds the ones verified before. Null for a whole answer.
   */
  readonly interrupted: NonNullable<Answer['interrupted']> | null;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Converts an answer to the documented JSON shape. */
export function answerToJson(answer: Answer): AnswerJson {
  return {
    question: answer.question,
    mode: answer.mode,
    answer: answer.text,
    citations: answer.citations.map(({ n, articleId, paragraph, quote, verified }) => ({
      n,
      article: articleId,
      paragraph,
      quote,
      verified,
    })),
    claims: answer.claims.map((claim) => ({
      text: claim.text,
      citations: [...new Set(claim.citations.map((citation) => citation.n))],
    })),
    removed: { count: answer.removed.count, reasons: answer.removed.reasons },
    notCovered: answer.notCovered ?? null,
    retrieved: answer.retrieved.map(({ article, paragraph, score }) => ({
      article: article.id,
      paragraph: paragraph.n,
      score: round(score),
      text: paragraph.text,
    })),
    notes: answer.notes,
    suggestions: answer.suggestions,
    usage: answer.usage,
    timingsMs: {
      retrieval: round(answer.timingsMs.retrieval),
      llm: round(answer.timingsMs.llm),
      local: round(answer.timingsMs.local ?? answer.timingsMs.total - answer.timingsMs.llm),
      total: round(answer.timingsMs.total),
    },
    intent: answer.intent ?? 'question',
    ...(answer.choices && { choices: answer.choices }),
    interrupted: answer.interrupted ?? null,
  };
}
