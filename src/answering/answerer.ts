import { LRUCache } from 'lru-cache';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../logging/logger.js';
import { NO_USAGE, type Retrieval, type Retriever } from '../domain/types.js';
import { SERVER_DOWN_CODES, UserFacingError } from '../errors.js';
import { loadNlp } from '../text/nlp.js';
import { extractiveAnswer } from './extractive/extractive.js';
import { missingFocus } from './extractive/focus.js';
import { routeIntent, type Routed } from './intents/intent-route.js';
import { detectIntent } from './intents/intents.js';
import { extractiveSummary } from './intents/summary.js';
import { groundClaims, showClaims } from './grounding/ground-claims.js';
import type { ConcurrencyLimiter } from './limit-concurrency.js';
import type { LlmClient } from '../domain/ports.js';
import { declinedDraft, type Draft } from './draft.js';
import { createModelAnswer, PAUSED } from './model-answer.js';
import type { ClaimChecker } from './grounding/model-check.js';
import { NOTES } from './notes.js';
import type { PromptLayout } from './prompt/prompt-layout.js';
import type { Prompts } from './prompt/prompts.js';
import { suggestTopics } from './intents/suggestions.js';
import type { TokenBudget } from './token-budget.js';
import type { Answer, Answerer, AnswerOptions, Question, ShownClaim, Usage } from '../domain/types.js';
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

const STOPPED = { kind: 'stopped' } as const;

const timings = (retrieval: number, llm: number, total: number) => ({
  retrieval,
  llm,
  local: total - llm,
  total,
});

/** The extractive strategy: the best sentences, each a claim quoting itself, checked like any claim. */
async function extractive(
  question: Question,
  retrieval: Retrieval,
  note: string,
  usage: Usage = NO_USAGE,
): Promise<Draft> {
  const nlp = await loadNlp();
  const previous = retrieval.followUp ? question.history?.at(-1) : undefined;
  // The last two questions: after "Why?", "What happens next?" still knows what the talk is about.
  const earlier = question.history
    ?.slice(-2)
    .map((turn) => turn.question)
    .join('\n');
  const claims =
    retrieval.strategy === 'summary'
      ? extractiveSummary(nlp, retrieval.passages)
      : extractiveAnswer(nlp, {
          question: question.question,
          passages: retrieval.passages,
          ...(previous && {
            previousQuestion: earlier ?? previous.question,
            previousAnswer: previous.answer,
          }),
          ...(retrieval.bridges && { bridges: retrieval.bridges }),
        });
  const grounded = await groundClaims(claims, retrieval, { support: false });
  const shown = showClaims(grounded.kept, []);
  if (shown.claims.length === 0) return declinedDraft([note], usage);
  // A sentence that merely shares a name is no answer: say what the story doesn't give, then what it says.
  const lead =
    retrieval.strategy === 'summary'
      ? undefined
      : missingFocus(nlp, {
          question: question.question,
          article: retrieval.article,
          chosen: claims.map((claim) => claim.text),
          ...(retrieval.bridges && { bridges: retrieval.bridges }),
        });
  const text = lead ? `${lead} What it does say:\n${shown.text}` : shown.text;
  return { mode: 'extractive', ...shown, text, notes: [note], usage, llmMs: 0 };
}

/**
 * Creates the answer engine: retrieve, gate, ask the model for claims (or extract), and show
 * only claims whose quotes are verified and support them. A model failure after claims were shown
 * keeps them (cut short); one before degrades to an extractive answer that says why, so every question
 * gets an answer or a reason. A stopped question (its signal aborted) ends at once, with no fallback.
 */
export function createAnswerer(deps: AnswererDeps): Answerer {
  const { retriever, llm, logger, budget } = deps;
  const fromModel = llm && createModelAnswer({ ...deps, model: llm });
  // Why answers are extractive, as last told in each conversation (bounded: old conversations are forgotten).
  const announced = new LRUCache<string, string>({ max: 10_000 });

  // Past the budget: the full explanation once per switch in each conversation, then a short label.
  const paused = (question: Question, retrieval: Retrieval, reason: string, conversation: string) => {
    const note =
      announced.get(conversation) === reason ? NOTES.extractivePaused : NOTES.extractiveFallback(reason);
    announced.set(conversation, reason);
    return extractive(question, retrieval, note);
  };

  const draft = async (
    question: Question,
    retrieval: Retrieval,
    options: AnswerOptions,
    emit?: (claim: ShownClaim) => void,
  ): Promise<Draft> => {
    const { signal } = options;
    const conversation = options.conversation ?? '';
    if (retrieval.passages.length === 0) return declinedDraft([]);
    // With a model, the model decides what the story answers: only what shares nothing with the
    // story, or tries to instruct the bot, is stopped here. Without one, the evidence gate decides.
    const blocked = fromModel && budget?.blockedReason();
    const toModel = fromModel && !blocked && (retrieval.relevant || retrieval.onSubject === true);
    if (!toModel && !retrieval.relevant) return declinedDraft([]);
    if (!fromModel) return extractive(question, retrieval, NOTES.extractiveNoKey);
    if (blocked) return paused(question, retrieval, blocked, conversation);
    let spent = NO_USAGE;
    try {
      const drafted = await fromModel(question, retrieval, {
        ...(signal && { signal }),
        ...(emit && { emit }),
        onSpent: (usage) => (spent = usage),
      });
      // The model answered: the next pause or outage is news again.
      announced.delete(conversation);
      return drafted;
    } catch (error) {
      // Stopped: the reader asked for nothing more, so nothing more is worked out.
      if (signal?.aborted)
        return { ...declinedDraft([], spent, 0, NOTES.stoppedEmpty), interrupted: STOPPED };
      if (!(error instanceof UserFacingError)) throw error;
      return fallBack(question, retrieval, error, spent, conversation);
    }
  };

  // `error.code` is a typed union: a misspelt or retired reason here fails to compile.
  const fallBack = (
    question: Question,
    retrieval: Retrieval,
    error: UserFacingError,
    spent: Usage,
    conversation: string,
  ): Promise<Draft> => {
    // A question the gate would have stopped is declined, not answered extractively from a weak match.
    if (!retrieval.relevant) return Promise.resolve(declinedDraft([], spent));
    if (error.code === PAUSED) return paused(question, retrieval, error.message, conversation);
    logger.warn({ code: error.code }, 'model answer failed; answering extractively');
    // The model's circuit breaker now answers the next questions with this same reason: said once is enough.
    if (SERVER_DOWN_CODES.has(error.code)) announced.set(conversation, error.message);
    if (error.code === 'llm_quota') {
      budget?.quotaExhausted();
      const reason = budget?.blockedReason();
      if (reason) announced.set(conversation, reason);
      else announced.delete(conversation);
    }
    return extractive(question, retrieval, NOTES.extractiveFallback(error.message), spent);
  };

  const respond = async (
    question: Question,
    options: AnswerOptions = {},
    emit?: (claim: ShownClaim) => void,
  ): Promise<Answer> => {
    const started = performance.now();
    const intent = detectIntent(question.question, (question.history?.length ?? 0) > 0);
    const found = await retriever.retrieve(intent === 'question' ? question : { ...question, broad: true });
    const retrievalMs = performance.now() - started;
    // Reader intents (greetings, "which story?", summaries) are routed before the usual question path.
    const routed: Routed = await routeIntent(intent, found, { retriever }, (retrieval) =>
      draft(question, retrieval, options, emit),
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
      timingsMs: timings(retrievalMs, result.llmMs, performance.now() - started),
      intent: routed.intent,
      ...(retrieval.choices && result.mode === 'reply' && { choices: retrieval.choices }),
      ...(result.interrupted && { interrupted: result.interrupted }),
    };
  };

  return {
    answer: (question, options) => respond(question, options),
    answerStream: (question, options) => streamEvents((emit) => respond(question, options, emit)),
  };
}
