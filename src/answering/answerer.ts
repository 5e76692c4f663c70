import { performance } from 'node:perf_hooks';
import type { Logger } from '../logging/logger.js';
import type { Retrieval, Retriever } from '../domain/types.js';
import { UserFacingError } from '../errors.js';
import { loadNlp } from '../text/nlp.js';
import { extractiveAnswer } from './extractive/extractive.js';
import { routeIntent, type Routed } from './intents/intent-route.js';
import { detectIntent } from './intents/intents.js';
import { extractiveSummary } from './intents/summary.js';
import { groundClaims, showClaims } from './grounding/ground-claims.js';
import type { ConcurrencyLimiter } from './limit-concurrency.js';
import type { LlmClient } from '../domain/ports.js';
import { createModelAnswer, declinedDraft, NO_USAGE, PAUSED, type Draft } from './model-answer.js';
import type { ClaimChecker } from './grounding/model-check.js';
import { NOTES } from './notes.js';
import type { PromptLayout } from './prompt/prompt-layout.js';
import type { Prompts } from './prompt/prompts.js';
import { suggestTopics } from './intents/suggestions.js';
import type { TokenBudget } from './token-budget.js';
import type { Answer, Answerer, AskOptions, Question, ShownClaim } from '../domain/types.js';
import { streamEvents } from './reply/stream-events.js';

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
  /** The optional second opinion on model claims (GROUNDING_CHECK=model). */
  readonly checker?: ClaimChecker;
  /** How the model prompt is laid out (answering/prompt/prompt-layout.ts); else the top passages by rank. */
  readonly layout?: PromptLayout;
}

// Retrievals built for summary questions (lead + central paragraphs), answered as summaries.
const summaries = new WeakSet<Retrieval>();

/** The extractive strategy: the best sentences, each a claim quoting itself, checked like any claim. */
async function extractive(question: Question, retrieval: Retrieval, note: string): Promise<Draft> {
  const nlp = await loadNlp();
  const previous = retrieval.followUp ? question.history?.at(-1) : undefined;
  // The last two questions: after "Why?", "What happens next?" still knows what the talk is about.
  const earlier = question.history
    ?.slice(-2)
    .map((turn) => turn.question)
    .join('\n');
  const claims = summaries.has(retrieval)
    ? extractiveSummary(nlp, retrieval.passages)
    : extractiveAnswer(nlp, {
        question: question.question,
        passages: retrieval.passages,
        ...(previous && { previousQuestion: earlier ?? previous.question, previousAnswer: previous.answer }),
      });
  const grounded = await groundClaims(claims, retrieval, { support: false });
  const shown = showClaims(grounded.kept, []);
  if (shown.claims.length === 0) return declinedDraft([note]);
  return { mode: 'extractive', ...shown, notes: [note], usage: NO_USAGE, llmMs: 0 };
}

/**
 * Creates the answer engine: retrieve, gate, ask the model for claims (or extract), and show
 * only claims whose quotes are verified and support them. Failures of the model degrade to an
 * extractive answer that says why, so every question gets an answer or a reason.
 */
export function createAnswerer(deps: AnswererDeps): Answerer {
  const { retriever, llm, logger, budget } = deps;
  const fromModel = llm && createModelAnswer({ ...deps, model: llm });
  let announced: string | undefined;

  // Past the budget: the full explanation once per switch, then a short label, so answers stay honest but brief.
  const paused = (question: Question, retrieval: Retrieval, reason: string): Promise<Draft> => {
    const note = announced === reason ? NOTES.extractivePaused : NOTES.extractiveFallback(reason);
    announced = reason;
    return extractive(question, retrieval, note);
  };

  const draft = async (
    question: Question,
    retrieval: Retrieval,
    signal?: AbortSignal,
    emit?: (claim: ShownClaim) => void,
  ): Promise<Draft> => {
    if (!retrieval.relevant || retrieval.passages.length === 0) return declinedDraft([]);
    if (!fromModel) return extractive(question, retrieval, NOTES.extractiveNoKey);
    const blocked = budget?.blockedReason();
    if (blocked) return paused(question, retrieval, blocked);
    announced = undefined;
    try {
      return await fromModel(question, retrieval, signal, emit);
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      return fallBack(question, retrieval, error);
    }
  };

  // `error.code` is a typed union: a misspelt or retired reason here fails to compile.
  const fallBack = (question: Question, retrieval: Retrieval, error: UserFacingError): Promise<Draft> => {
    if (error.code === PAUSED) return paused(question, retrieval, error.message);
    logger.warn({ code: error.code }, 'model answer failed; answering extractively');
    if (error.code === 'llm_quota') {
      budget?.quotaExhausted();
      announced = budget?.blockedReason();
    }
    return extractive(question, retrieval, NOTES.extractiveFallback(error.message));
  };

  const respond = async (
    question: Question,
    options: AskOptions = {},
    emit?: (claim: ShownClaim) => void,
  ): Promise<Answer> => {
    const started = performance.now();
    const intent = detectIntent(question.question);
    const found = await retriever.retrieve(intent === 'question' ? question : { ...question, broad: true });
    const retrievalMs = performance.now() - started;
    // Reader intents (greetings, "which story?", summaries) are routed before the usual question path.
    const routed: Routed = await routeIntent(intent, found, { retriever, summaries }, (retrieval) =>
      draft(question, retrieval, options.signal, emit),
    );
    const { draft: result, retrieval } = routed;
    const { id, title, source, publishedAt, url } = retrieval.article;
    return {
      question: question.question,
      mode: result.mode,
      text: result.text,
      claims: result.claims,
      citations: result.citations,
      removed: result.removed,
      ...(result.notCovered && { notCovered: result.notCovered }),
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
      intent: routed.intent,
      ...(retrieval.choices && result.mode === 'reply' && { choices: retrieval.choices }),
    };
  };

  return {
    answer: (question, options) => respond(question, options),
    answerStream: (question, options) => streamEvents((emit) => respond(question, options, emit)),
  };
}
