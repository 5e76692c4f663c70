import { performance } from 'node:perf_hooks';
import type { Logger } from '../logging/logger.js';
import type {
  Answer,
  Answerer,
  AnswerOptions,
  Question,
  Retrieval,
  Retriever,
  Usage,
} from '../domain/types.js';
import { UserFacingError } from '../errors.js';
import { ANSWER_SCHEMA, parseModelReply } from './answer-schema.js';
import { extractiveAnswer } from './extractive.js';
import { groundAnswer } from './grounding.js';
import type { ConcurrencyLimiter } from './limit-concurrency.js';
import type { LlmClient } from '../domain/ports.js';
import { NOTES } from './notes.js';
import { parseModelJson } from './parse-model-json.js';
import { createPromptLeakCheck } from './prompt-leak.js';
import { createPromptLayout, type PromptLayout } from './prompt-layout.js';
import type { Prompts } from './prompts.js';
import { suggestTopics } from './suggestions.js';
import type { TokenBudget } from './token-budget.js';

export interface AnswererDeps {
  readonly retriever: Retriever;
  readonly prompts: Prompts;
  /** The chat model; without one every answer is extractive. */
  readonly llm?: LlmClient;
  /** Caps concurrent model calls (a full queue falls back to an extractive answer). */
  readonly limiter?: ConcurrencyLimiter;
  readonly logger: Logger;
  /**
   * Daily token cap and quota pause; when it blocks, answers are extractive. The model client
   * reports every reply's tokens to `budget.record` (wired in the composition root).
   */
  readonly budget?: TokenBudget;
  /** How the prompt is laid out (src/answering/prompt-layout.ts); without one, the top passages by rank. */
  readonly layout?: PromptLayout;
}

/** What one answering strategy produced, before timings and the retrieval are attached. */
interface Draft {
  readonly mode: Answer['mode'];
  readonly text: string;
  readonly citations: Answer['citations'];
  readonly notes: string[];
  readonly usage: Usage;
  readonly llmMs: number;
}

const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0 };

/**
 * Creates the answer engine: retrieve, gate, ask the model (or extract), verify every quote.
 * Failures of the model degrade to an extractive answer that says why, so every question
 * gets an answer or a reason.
 */
export function createAnswerer({
  retriever,
  prompts,
  llm,
  limiter,
  logger,
  budget,
  layout = createPromptLayout({ prompts, contextBudget: 0, countTokens: () => Promise.resolve(0) }),
}: AnswererDeps): Answerer {
  let announced: string | undefined;
  const repeatsInstructions = createPromptLeakCheck([prompts.system, prompts.jsonFormat]);
  const declined = (notes: string[], usage = NO_USAGE, llmMs = 0): Draft => ({
    mode: 'declined',
    text: NOTES.declined,
    citations: [],
    notes,
    usage,
    llmMs,
  });

  const extractive = (question: string, retrieval: Retrieval, note: string): Draft => {
    const { answer, citations } = extractiveAnswer(question, retrieval.passages);
    const grounded = groundAnswer(answer, citations, retrieval.passages, retrieval.article);
    if (grounded.citations.length === 0) return declined([note]);
    return {
      mode: 'extractive',
      text: grounded.text,
      citations: grounded.citations,
      notes: [note],
      usage: NO_USAGE,
      llmMs: 0,
    };
  };

  const fromModel = async (
    question: Question,
    retrieval: Retrieval,
    model: LlmClient,
    { signal }: AnswerOptions,
  ): Promise<Draft> => {
    const started = performance.now();
    const { user, passages } = await layout.build(retrieval, question.question, question.history ?? []);
    const call = () => {
      // Checked again once a slot is free, so questions queued before the cap was reached don't overshoot it.
      const blocked = budget?.blockedReason();
      if (blocked) throw new UserFacingError(blocked, 'llm_paused');
      return model.chat({ system: prompts.system, user, schema: ANSWER_SCHEMA, ...(signal && { signal }) });
    };
    const result = await (limiter ? limiter.run(call) : call());
    const reply = parseModelReply(parseModelJson(result.content));
    const llmMs = performance.now() - started;
    if (!reply.answerable) return declined([], result.usage, llmMs);
    if (repeatsInstructions(reply.answer)) return declined([NOTES.withheld], result.usage, llmMs);
    // Claims may cite any passage of the prompt; their quotes are checked against those passages.
    const grounded = groundAnswer(reply.answer, reply.citations, passages, retrieval.article);
    if (grounded.citations.length === 0) return declined([NOTES.unverifiable], result.usage, llmMs);
    const notes = grounded.dropped > 0 || grounded.removedSentences > 0 ? [NOTES.droppedClaim] : [];
    return {
      mode: 'llm',
      text: grounded.text,
      citations: grounded.citations,
      notes,
      usage: result.usage,
      llmMs,
    };
  };

  // Past the budget: the full explanation once per switch, then a short label, so answers stay honest but brief.
  const paused = (question: Question, retrieval: Retrieval, reason: string): Draft => {
    const note = announced === reason ? NOTES.extractivePaused : NOTES.extractiveFallback(reason);
    announced = reason;
    return extractive(question.question, retrieval, note);
  };

  const draft = async (question: Question, retrieval: Retrieval, options: AnswerOptions): Promise<Draft> => {
    if (!retrieval.relevant || retrieval.passages.length === 0) return declined([]);
    if (!llm) return extractive(question.question, retrieval, NOTES.extractiveNoKey);
    const blocked = budget?.blockedReason();
    if (blocked) return paused(question, retrieval, blocked);
    announced = undefined;
    try {
      return await fromModel(question, retrieval, llm, options);
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      return fallBack(question, retrieval, error);
    }
  };

  // `error.code` is a typed union: a misspelt or retired reason here fails to compile.
  const fallBack = (question: Question, retrieval: Retrieval, error: UserFacingError): Draft => {
    if (error.code === 'llm_paused') return paused(question, retrieval, error.message);
    logger.warn({ code: error.code }, 'model answer failed; answering extractively');
    if (error.code === 'llm_quota') {
      budget?.quotaExhausted();
      announced = budget?.blockedReason();
    }
    return extractive(question.question, retrieval, NOTES.extractiveFallback(error.message));
  };

  return {
    async answer(question, options = {}) {
      const started = performance.now();
      const retrieval = await retriever.retrieve(question);
      const retrievalMs = performance.now() - started;
      const result = await draft(question, retrieval, options);
      const { id, title, source, publishedAt, url } = retrieval.article;
      return {
        question: question.question,
        mode: result.mode,
        text: result.text,
        citations: result.citations,
        retrieved: retrieval.passages,
        article: {
          id,
          title,
          ...(source && { source }),
          ...(publishedAt && { publishedAt }),
          ...(url && { url }),
        },
        notes: result.notes,
        suggestions: result.mode === 'declined' ? suggestTopics(retrieval.article, retrieval.passages) : [],
        usage: result.usage,
        timingsMs: { retrieval: retrievalMs, llm: result.llmMs, total: performance.now() - started },
      };
    },
  };
}
