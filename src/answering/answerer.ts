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
import { buildUserMessage } from './build-prompt.js';
import { loadNlp } from '../text/nlp.js';
import { extractiveAnswer } from './extractive.js';
import { clarifyStoryText, socialText } from './intent-replies.js';
import { detectIntent, SOCIAL_INTENTS, type ReaderIntent } from './intents.js';
import { extractiveSummary, summaryPassages } from './summary.js';
import { groundAnswer } from './grounding.js';
import type { ConcurrencyLimiter } from './limit-concurrency.js';
import type { LlmClient } from '../domain/ports.js';
import { NOTES } from './notes.js';
import { parseModelJson } from './parse-model-json.js';
import { createPromptLeakCheck } from './prompt-leak.js';
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
export function createAnswerer({ retriever, prompts, llm, limiter, logger, budget }: AnswererDeps): Answerer {
  let announced: string | undefined;
  // Retrievals built for summary questions (lead + central paragraphs), answered as summaries.
  const summaries = new WeakSet<Retrieval>();
  const repeatsInstructions = createPromptLeakCheck([prompts.system, prompts.jsonFormat]);
  const declined = (notes: string[], usage = NO_USAGE, llmMs = 0): Draft => ({
    mode: 'declined',
    text: NOTES.declined,
    citations: [],
    notes,
    usage,
    llmMs,
  });

  const extractive = async (question: Question, retrieval: Retrieval, note: string): Promise<Draft> => {
    const nlp = await loadNlp();
    const previous = retrieval.followUp ? question.history?.at(-1) : undefined;
    // The last two questions: after "Why?", "What happens next?" still knows what the talk is about.
    const earlier = question.history
      ?.slice(-2)
      .map((turn) => turn.question)
      .join('\n');
    const { answer, citations } = summaries.has(retrieval)
      ? extractiveSummary(nlp, retrieval.passages)
      : extractiveAnswer(nlp, {
          question: question.question,
          passages: retrieval.passages,
          ...(previous && {
            previousQuestion: earlier ?? previous.question,
            previousAnswer: previous.answer,
          }),
        });
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
    const user = buildUserMessage(
      prompts,
      retrieval.article,
      retrieval.passages,
      question.question,
      question.history ?? [],
    );
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
    const grounded = groundAnswer(reply.answer, reply.citations, retrieval.passages, retrieval.article);
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
  const paused = (question: Question, retrieval: Retrieval, reason: string): Promise<Draft> => {
    const note = announced === reason ? NOTES.extractivePaused : NOTES.extractiveFallback(reason);
    announced = reason;
    return extractive(question, retrieval, note);
  };

  const draft = async (question: Question, retrieval: Retrieval, options: AnswerOptions): Promise<Draft> => {
    if (!retrieval.relevant || retrieval.passages.length === 0) return declined([]);
    if (!llm) return extractive(question, retrieval, NOTES.extractiveNoKey);
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
  const fallBack = (question: Question, retrieval: Retrieval, error: UserFacingError): Promise<Draft> => {
    if (error.code === 'llm_paused') return paused(question, retrieval, error.message);
    logger.warn({ code: error.code }, 'model answer failed; answering extractively');
    if (error.code === 'llm_quota') {
      budget?.quotaExhausted();
      announced = budget?.blockedReason();
    }
    return extractive(question, retrieval, NOTES.extractiveFallback(error.message));
  };

  const reply = (text: string): Draft => ({
    mode: 'reply',
    text,
    citations: [],
    notes: [],
    usage: NO_USAGE,
    llmMs: 0,
  });

  /** Reader intents decided before the usual question path: which story, greetings, summaries. */
  const routed = async (
    intent: ReaderIntent,
    question: Question,
    retrieval: Retrieval,
    options: AnswerOptions,
  ): Promise<{ draft: Draft; retrieval: Retrieval; intent: ReaderIntent }> => {
    if (SOCIAL_INTENTS.has(intent)) {
      const text = await socialText(intent, await loadNlp(), retriever, retrieval);
      return { draft: reply(text), retrieval, intent };
    }
    if (retrieval.choices) {
      const text = clarifyStoryText(retrieval, false, retriever.articles.length);
      return { draft: reply(text), retrieval, intent: 'clarify-story' };
    }
    if (intent === 'summary') {
      const passages = summaryPassages(await loadNlp(), retrieval.article);
      const summary: Retrieval = { ...retrieval, passages, relevant: passages.length > 0 };
      summaries.add(summary);
      return { draft: await draft(question, summary, options), retrieval: summary, intent };
    }
    return { draft: await draft(question, retrieval, options), retrieval, intent };
  };

  return {
    async answer(question, options = {}) {
      const started = performance.now();
      const intent = detectIntent(question.question);
      const found = await retriever.retrieve(intent === 'question' ? question : { ...question, broad: true });
      const retrievalMs = performance.now() - started;
      const { draft: result, retrieval, intent: decided } = await routed(intent, question, found, options);
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
        intent: decided,
        ...(retrieval.choices && result.mode === 'reply' && { choices: retrieval.choices }),
      };
    },
  };
}
