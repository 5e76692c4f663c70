import { performance } from 'node:perf_hooks';
import type { Retrieval } from '../domain/types.js';
import { UserFacingError } from '../errors.js';
import { CLAIMS_RESPONSE_SCHEMA } from './reply/claims-schema.js';
import { buildSystemPrompt } from './prompt/build-prompt.js';
import { groundClaims, showClaims } from './grounding/ground-claims.js';
import type { ConcurrencyLimiter } from './limit-concurrency.js';
import { LLM_ERROR_MESSAGES } from '../errors.js';
import type { LlmClient } from '../domain/ports.js';
import type { ClaimChecker } from './grounding/model-check.js';
import { NOTES } from './notes.js';
import { createPromptLeakCheck } from './prompt/prompt-leak.js';
import { createPromptLayout, type PromptLayout } from './prompt/prompt-layout.js';
import type { Prompts } from './prompt/prompts.js';
import { readModelReply } from './reply/read-reply.js';
import { consumeStream, type StreamedReply } from './reply/stream-reply.js';
import { createLiveClaims } from './grounding/live-claims.js';
import { declinedDraft, interruptedDraft, type Draft } from './draft.js';
import { raceAbort, whenSpent } from './interrupted.js';
import { loadNlp, prepareNlp } from '../text/nlp.js';
import { checkClaim, type ClaimCheck } from './grounding/grounding.js';
import type { RawClaim } from './reply/claims-schema.js';
import type { TokenBudget } from './token-budget.js';
import type { Question, ShownClaim, Usage } from '../domain/types.js';

/** How one model answer is asked for. */
export interface ModelCall {
  /** Ends the answer at once with the claims shown so far: no fallback, no further checks. */
  readonly signal?: AbortSignal;
  /** Told each claim as soon as it is verified (a streaming front end shows it). */
  readonly emit?: (claim: ShownClaim) => void;
  /** Told what a call that failed without an answer spent (its fallback answer reports it). */
  readonly onSpent?: (usage: Usage) => void;
}

/** The code of the error thrown when the budget blocks a queued call. */
export const PAUSED = 'llm_paused';

const sum = (a: Usage, b: Usage): Usage => {
  const unreported = a.cachedTokens === undefined && b.cachedTokens === undefined;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    ...(!unreported && { cachedTokens: (a.cachedTokens ?? 0) + (b.cachedTokens ?? 0) }),
  };
};

export interface ModelAnswerDeps {
  readonly prompts: Prompts;
  /** How the prompt is laid out (src/answering/prompt/prompt-layout.ts); without one, the top passages by rank. */
  readonly layout?: PromptLayout;
  readonly model: LlmClient;
  readonly limiter?: ConcurrencyLimiter;
  readonly budget?: TokenBudget;
  readonly checker?: ClaimChecker;
}

/**
 * The code check of one answer's claims, run once per claim: a claim checked as it streamed is not
 * checked again when the whole reply is read (same text and quotes, same result).
 */
function checkOnce(retrieval: Retrieval): (claim: RawClaim) => ClaimCheck {
  const results = new Map<string, ClaimCheck>();
  return (claim) => {
    const key = JSON.stringify([claim.text, claim.quotes.map((quote) => [quote.source, quote.quote])]);
    let result = results.get(key);
    if (!result) {
      result = checkClaim(claim, retrieval.passages, retrieval.article, { support: true });
      results.set(key, result);
    }
    return result;
  };
}

/** Creates the model strategy: ask for claims, read the reply tolerantly, keep only grounded claims. */
export function createModelAnswer({
  prompts,
  model,
  limiter,
  budget,
  checker,
  layout = createPromptLayout({ prompts, contextBudget: 0, countTokens: () => Promise.resolve(0) }),
}: ModelAnswerDeps) {
  const system = buildSystemPrompt(prompts);
  // With a model, every answer's claims go through the support check, which needs the language
  // model: built on the next turn of the event loop, before the first question arrives.
  prepareNlp();
  const repeatsInstructions = createPromptLeakCheck([system, prompts.jsonFormat]);

  /**
   * Answers one question. With a model that streams (and no second opinion, which needs every claim
   * first), each claim that passes the checks is shown (`emit`) as soon as it is complete; the
   * draft is read from the whole reply, so it is the same. A failure after claims were shown keeps
   * them (cut short); a Stop (`signal`) ends the answer at once with them.
   */
  return async (question: Question, ranked: Retrieval, asked: ModelCall = {}): Promise<Draft> => {
    const { signal, emit } = asked;
    const { user, passages } = await layout.build(ranked, question.question, question.history ?? []);
    // Claims may cite any passage of the prompt, and their quotes are checked against those passages.
    const retrieval: Retrieval = { ...ranked, passages };
    const spent = whenSpent();
    const request = {
      system,
      user,
      schema: CLAIMS_RESPONSE_SCHEMA,
      acceptTruncated: true,
      onUsage: spent.tell,
      ...(signal && { signal }),
    };
    const stream = checker ? undefined : model.stream?.bind(model);
    const check = checkOnce(retrieval);
    const live = createLiveClaims(retrieval, {
      repeatsInstructions,
      check,
      ...(emit && { emit }),
      ...(signal && { signal }),
    });
    if (stream) await loadNlp();
    const call = (): Promise<StreamedReply> => {
      // A question stopped while it waited for a slot never reaches the model.
      if (signal?.aborted) throw new UserFacingError(LLM_ERROR_MESSAGES.llm_cancelled, 'llm_cancelled');
      // Checked again once a slot is free, so questions queued before the cap was reached don't overshoot it.
      const blocked = budget?.blockedReason();
      if (blocked) throw new UserFacingError(blocked, PAUSED);
      spent.called();
      return stream ? consumeStream(stream(request), (raw) => live.take(raw)) : model.chat(request);
    };
    // The model's time alone (a wait for a free slot included): prompt layout, token counts and
    // the checks below are local work, reported apart (timingsMs.local).
    const calledAt = performance.now();
    const llmMs = () => performance.now() - calledAt;
    // The support check needs the language model: it is built while the reply is awaited.
    prepareNlp();
    let result: StreamedReply;
    try {
      result = await raceAbort(limiter ? limiter.run(call) : call(), signal);
    } catch (error) {
      if (signal?.aborted) return interruptedDraft(live, { kind: 'stopped' }, await spent.usage(), llmMs());
      if (!(error instanceof UserFacingError) || error.code === PAUSED) throw error;
      const usage = await spent.usage();
      if (live.shown.length > 0)
        return interruptedDraft(live, { kind: 'cut-short', code: error.code }, usage, llmMs());
      asked.onSpent?.(usage);
      throw error;
    }
    // A server that sends no usage in its stream: the client counted what passed.
    const told = result.usage.promptTokens + result.usage.completionTokens > 0;
    result = told ? result : { ...result, usage: await spent.usage() };
    const modelMs = llmMs();
    const paragraphs = retrieval.passages.map((passage) => passage.paragraph.n);
    const reply = readModelReply(result.content, paragraphs, { truncated: result.truncated === true });
    if (result.truncated && reply.claims.length === 0) {
      asked.onSpent?.(result.usage);
      throw new UserFacingError(LLM_ERROR_MESSAGES.llm_truncated, 'llm_truncated');
    }
    if (!reply.answerable && reply.claims.length === 0) return declinedDraft([], result.usage, modelMs);
    const said = [...reply.claims.map((claim) => claim.text), reply.not_covered ?? ''].join(' ');
    if (repeatsInstructions(said)) return declinedDraft([NOTES.withheld], result.usage, modelMs);
    const grounded = await groundClaims(reply.claims, retrieval, {
      support: true,
      checker,
      question: question.question,
      check,
      ...(signal && { signal }),
    });
    const usage = sum(result.usage, grounded.usage);
    const shown = showClaims(grounded.kept, grounded.removed);
    const notes = [
      ...(shown.note ? [shown.note] : []),
      ...(grounded.secondCheckUnavailable ? [NOTES.secondCheckUnavailable] : []),
    ];
    if (shown.claims.length === 0) {
      const draft = declinedDraft(notes, usage, modelMs, NOTES.notSaid);
      return { ...draft, removed: shown.removed };
    }
    return {
      mode: 'llm',
      text: shown.text,
      claims: shown.claims,
      citations: shown.citations,
      removed: shown.removed,
      ...(reply.not_covered && { notCovered: reply.not_covered }),
      notes,
      usage,
      llmMs: modelMs,
    };
  };
}
