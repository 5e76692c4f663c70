import { performance } from 'node:perf_hooks';
import type { Answerer, Turn } from '../../src/domain/types.js';
import type { Article } from '../../src/articles/types.js';
import { renderAnswer } from '../../src/discord/render/render-answer.js';
import { roundSummary, summarize, type Summary } from '../lib/stats.js';
import type { InstantLlm } from './instant-llm.js';
import type { WorkItem } from './workload.js';

/** Engine overhead over a workload: everything but the model, per question. */
export interface OverheadFigures {
  readonly questions: number;
  /** Answer + Discord rendering, minus the fake model's own time. */
  readonly overheadMs: Summary;
  /** Retrieval alone (story choice, paragraph ranking, gate). */
  readonly retrievalMs: Summary;
  readonly modes: Readonly<Record<string, number>>;
}

/**
 * Asks every question of a workload in turn, as the bot would (follow-ups carry the turn the
 * bot records), renders each answer for Discord, and times all of it except the model.
 */
export async function measureQuestions(
  answerer: Answerer,
  llm: InstantLlm,
  items: readonly WorkItem[],
  findArticle: (id: string) => Article | undefined,
): Promise<OverheadFigures> {
  const overhead: number[] = [];
  const retrieval: number[] = [];
  const modes: Record<string, number> = {};
  const turns = new Map<string, Turn>();
  for (const item of items) {
    const earlier = item.followUpOf === undefined ? undefined : turns.get(item.followUpOf);
    const modelBefore = llm.modelMs;
    const started = performance.now();
    const answer = await answerer.answer({ question: item.question, history: earlier ? [earlier] : [] });
    renderAnswer(answer, { question: item.question, findArticle });
    overhead.push(performance.now() - started - (llm.modelMs - modelBefore));
    retrieval.push(answer.timingsMs.retrieval);
    modes[answer.mode] = (modes[answer.mode] ?? 0) + 1;
    turns.set(item.key, {
      question: item.question,
      answer: answer.text,
      cited: answer.citations.map(({ articleId, paragraph }) => ({ articleId, paragraph })),
    });
  }
  return {
    questions: items.length,
    overheadMs: roundSummary(summarize(overhead)),
    retrievalMs: roundSummary(summarize(retrieval)),
    modes,
  };
}
