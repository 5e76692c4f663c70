import type { Answer, AnswerEvent, Answerer, Question } from '../domain/types.js';
import { UserFacingError } from '../errors.js';
import type { Asker, QuestionEntry, QuestionLog } from '../storage/question-log.js';

/** The intent (greeting, summary, question...) another part of the engine may add; read when present. */
type RichAnswer = Answer & { readonly intent?: string };

/** The intent recorded for a question that waits for a story choice; the report counts these apart. */
export const CLARIFY_STORY = 'clarify-story';

const waitsForStory = (answer: Answer) => (answer.choices?.length ?? 0) > 0;

/** The log entry for one answered question. */
export function entryFromAnswer(answer: Answer, asker: Asker, model: string | undefined): QuestionEntry {
  const rich: RichAnswer = answer;
  return {
    ...asker,
    question: answer.question,
    // A question waiting for the reader to pick a story belongs to no story yet.
    ...(waitsForStory(answer) ? { intent: CLARIFY_STORY } : { story: answer.article.id }),
    ...(rich.intent !== undefined && !waitsForStory(answer) && { intent: rich.intent }),
    mode: answer.mode,
    cited: answer.citations.map(({ articleId, paragraph }) => ({ articleId, paragraph })),
    claimsKept: answer.claims.length,
    claimsRemoved: answer.removed.count,
    removedReasons: answer.removed.reasons,
    latencyMs: answer.timingsMs.total,
    // Tokens spent on the model count against it, also when the answer shown is not the model's.
    ...((answer.mode === 'llm' || spent(answer) > 0) && model !== undefined && { model }),
    promptTokens: answer.usage.promptTokens,
    completionTokens: answer.usage.completionTokens,
    ...(answer.interrupted && { interrupted: INTERRUPTED[answer.interrupted.kind] }),
  };
}

const spent = (answer: Answer) => answer.usage.promptTokens + answer.usage.completionTokens;
const INTERRUPTED = { stopped: 'stopped', 'cut-short': 'cut short' } as const;

/** The log entry for a question that got no answer (an error reply instead). */
export function entryFromFailure(
  question: Question,
  asker: Asker,
  error: unknown,
  latencyMs: number,
): QuestionEntry {
  return {
    ...asker,
    question: question.question,
    ...(question.articleId !== undefined && { story: question.articleId }),
    mode: 'failed',
    cited: [],
    claimsKept: 0,
    claimsRemoved: 0,
    removedReasons: [],
    latencyMs,
    promptTokens: 0,
    completionTokens: 0,
    error: error instanceof UserFacingError ? error.code : 'internal',
  };
}

/**
 * Wraps an answerer so every question it answers (or fails to) is written to the questions log,
 * as asked by the front end's `options.asker`, else by `asker`.
 * The record is committed before the answer (or the error) is handed back, so a front end never
 * shows an answer whose record a kill could still lose; the log's `record` never rejects, so a
 * failed write delays an answer by one statement at most and never breaks it.
 */
export function createRecordingAnswerer(
  answerer: Answerer,
  log: QuestionLog,
  asker: Asker,
  model: string | undefined,
): Answerer {
  return {
    async answer(question, options) {
      const who = options?.asker ?? asker;
      const started = performance.now();
      try {
        const answer = await answerer.answer(question, options);
        await log.record(entryFromAnswer(answer, who, model));
        return answer;
      } catch (error) {
        await log.record(entryFromFailure(question, who, error, performance.now() - started));
        throw error;
      }
    },
    async *answerStream(question, options) {
      const who = options?.asker ?? asker;
      const started = performance.now();
      const events = answerer.answerStream(question, options)[Symbol.asyncIterator]();
      const failed = (error: unknown) =>
        void log.record(entryFromFailure(question, who, error, performance.now() - started));
      let recorded = false;
      try {
        for (let next = await events.next(); next.done !== true; next = await events.next()) {
          const event = next.value;
          if (event.type === 'done') {
            recorded = true;
            // Committed before the answer is handed on: a killed process never shows an unrecorded answer.
            await log.record(entryFromAnswer(event.answer, who, model));
          }
          yield event;
        }
      } catch (error) {
        recorded = true;
        await log.record(entryFromFailure(question, who, error, performance.now() - started));
        throw error;
      } finally {
        // Left before the end (Stop): the engine still ends the answer (stopped, with what it spent).
        if (!recorded)
          void recordTheEnd(events, (answer) => log.record(entryFromAnswer(answer, who, model)), failed);
      }
    },
  };
}

/** Reads the rest of a stream its consumer left, to record the answer it ends with. */
async function recordTheEnd(
  events: AsyncIterator<AnswerEvent>,
  record: (answer: Answer) => Promise<void>,
  failed: (error: unknown) => void,
): Promise<void> {
  try {
    for (let next = await events.next(); next.done !== true; next = await events.next())
      if (next.value.type === 'done') return await record(next.value.answer);
  } catch (error) {
    failed(error);
  }
}
