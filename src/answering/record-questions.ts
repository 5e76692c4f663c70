import type { Answer, Answerer, Question } from '../domain/types.js';
import { UserFacingError } from '../errors.js';
import type { Asker, QuestionEntry, QuestionLog } from '../storage/question-log.js';

/** The intent (greeting, summary, question...) another part of the engine may add; read when present. */
type RichAnswer = Answer & { readonly intent?: string };

/** The log entry for one answered question. */
export function entryFromAnswer(answer: Answer, asker: Asker, model: string | undefined): QuestionEntry {
  const rich: RichAnswer = answer;
  return {
    ...asker,
    question: answer.question,
    story: answer.article.id,
    ...(rich.intent !== undefined && { intent: rich.intent }),
    mode: answer.mode,
    cited: answer.citations.map(({ articleId, paragraph }) => ({ articleId, paragraph })),
    claimsKept: answer.claims.length,
    claimsRemoved: answer.removed.count,
    removedReasons: answer.removed.reasons,
    latencyMs: answer.timingsMs.total,
    ...(answer.mode === 'llm' && model !== undefined && { model }),
    promptTokens: answer.usage.promptTokens,
    completionTokens: answer.usage.completionTokens,
  };
}

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
 * The log write is not awaited by the asker: it never delays or breaks an answer.
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
        void log.record(entryFromAnswer(answer, who, model));
        return answer;
      } catch (error) {
        void log.record(entryFromFailure(question, who, error, performance.now() - started));
        throw error;
      }
    },
    async *answerStream(question, options) {
      const who = options?.asker ?? asker;
      const started = performance.now();
      try {
        for await (const event of answerer.answerStream(question, options)) {
          if (event.type === 'done') void log.record(entryFromAnswer(event.answer, who, model));
          yield event;
        }
      } catch (error) {
        void log.record(entryFromFailure(question, who, error, performance.now() - started));
        throw error;
      }
    },
  };
}
