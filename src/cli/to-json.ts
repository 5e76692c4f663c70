import type { Answer } from '../domain/types.js';

/** The JSON shape `storybot ask --json` prints for one answer. */
export interface AnswerJson {
  readonly question: string;
  readonly mode: Answer['mode'];
  readonly answer: string;
  readonly citations: { n: number; article: string; paragraph: number; quote: string; verified: boolean }[];
  readonly retrieved: { article: string; paragraph: number; score: number; text: string }[];
  readonly notes: readonly string[];
  readonly suggestions: readonly string[];
  readonly usage: Answer['usage'];
  readonly timingsMs: Answer['timingsMs'];
  /** What the reader wanted: question, summary, greeting, thanks, about-bot, capabilities, clarify-story. */
  readonly intent: string;
  /** For clarify-story: the stories to choose from; ask again with `--story ID`. */
  readonly choices?: Answer['choices'];
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
      total: round(answer.timingsMs.total),
    },
    intent: answer.intent ?? 'question',
    ...(answer.choices && { choices: answer.choices }),
  };
}
