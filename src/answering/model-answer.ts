import { performance } from 'node:perf_hooks';
import type { Retrieval } from '../domain/types.js';
import { UserFacingError } from '../errors.js';
import { CLAIMS_RESPONSE_SCHEMA } from './reply/claims-schema.js';
import { buildSystemPrompt } from './prompt/build-prompt.js';
import { groundClaims, showClaims } from './grounding/ground-claims.js';
import type { ConcurrencyLimiter } from './limit-concurrency.js';
import { LLM_ERROR_MESSAGES } from './llm-error-messages.js';
import type { LlmClient } from '../domain/ports.js';
import type { ClaimChecker } from './grounding/model-check.js';
import { NOTES } from './notes.js';
import { createPromptLeakCheck } from './prompt/prompt-leak.js';
import { createPromptLayout, type PromptLayout } from './prompt/prompt-layout.js';
import type { Prompts } from './prompt/prompts.js';
import { readClaim, readModelReply } from './reply/read-reply.js';
import { consumeStream, type StreamedReply } from './reply/stream-reply.js';
import { createSourceNumbering } from './reply/assemble-claims.js';
import { checkClaim, type ClaimCheck } from './grounding/grounding.js';
import type { RawClaim } from './reply/claims-schema.js';
import { loadNlp } from './grounding/nlp.js';
import type { TokenBudget } from './token-budget.js';
import type { Answer, Question, ShownClaim, Usage } from '../domain/types.js';

/** What one answering strategy produced, before timings and the retrieval are attached. */
export interface Draft {
  readonly mode: Answer['mode'];
  readonly text: string;
  readonly claims: Answer['claims'];
  readonly citations: Answer['citations'];
  readonly removed: Answer['removed'];
  readonly notCovered?: string;
  readonly notes: string[];
  readonly usage: Usage;
  readonly llmMs: number;
}

export const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0 };
/** The code of the error thrown when the budget blocks a queued call. */
export const PAUSED = 'llm_paused';

/** A declined draft: the article doesn't cover it (or nothing it said survived the checks). */
export function declinedDraft(
  notes: string[],
  usage = NO_USAGE,
  llmMs = 0,
  text: string = NOTES.declined,
): Draft {
  return {
    mode: 'declined',
    text,
    claims: [],
    citations: [],
    removed: { count: 0, reasons: [] },
    notes,
    usage,
    llmMs,
  };
}

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
  const repeatsInstructions = createPromptLeakCheck([system, prompts.jsonFormat]);
  // Warm the language model for the support check while the first question is still to come.
  loadNlp().catch(() => undefined);

  // Checks each streamed claim as the final reading will, numbering sources in the same order.
  const liveClaims = (
    retrieval: Retrieval,
    check: (claim: RawClaim) => ClaimCheck,
    emit: (claim: ShownClaim) => void,
  ) => {
    const paragraphs = retrieval.passages.map((passage) => passage.paragraph.n);
    const numbering = createSourceNumbering();
    let stopped = false;
    return (raw: unknown) => {
      const claim = stopped ? undefined : readClaim(raw, paragraphs);
      if (!claim) return;
      if (repeatsInstructions(claim.text)) stopped = true;
      const result = check(claim);
      if (!stopped && result.ok) emit(numbering.show(result.claim));
    };
  };

  /**
   * Answers one question. With `emit` and a model that streams (and no second opinion, which
   * needs every claim first), each claim that passes the checks is emitted as soon as it is
   * complete; the draft returned is read from the whole reply either way, so it is the same.
   */
  return async (
    question: Question,
    ranked: Retrieval,
    signal?: AbortSignal,
    emit?: (claim: ShownClaim) => void,
  ): Promise<Draft> => {
    const started = performance.now();
    const { user, passages } = await layout.build(ranked, question.question, question.history ?? []);
    // Claims may cite any passage of the prompt, and their quotes are checked against those passages.
    const retrieval: Retrieval = { ...ranked, passages };
    const request = {
      system,
      user,
      schema: CLAIMS_RESPONSE_SCHEMA,
      acceptTruncated: true,
      ...(signal && { signal }),
    };
    const check = checkOnce(retrieval);
    const live = emit && model.stream && !checker ? liveClaims(retrieval, check, emit) : undefined;
    if (live) await loadNlp();
    const call = (): Promise<StreamedReply> => {
      // Checked again once a slot is free, so questions queued before the cap was reached don't overshoot it.
      const blocked = budget?.blockedReason();
      if (blocked) throw new UserFacingError(blocked, PAUSED);
      return live && model.stream ? consumeStream(model.stream(request), live) : model.chat(request);
    };
    const result = await (limiter ? limiter.run(call) : call());
    const paragraphs = retrieval.passages.map((passage) => passage.paragraph.n);
    const reply = readModelReply(result.content, paragraphs, { truncated: result.truncated === true });
    if (result.truncated && reply.claims.length === 0)
      throw new UserFacingError(LLM_ERROR_MESSAGES.llm_truncated, 'llm_truncated');
    const llmMs = () => performance.now() - started;
    if (!reply.answerable && reply.claims.length === 0) return declinedDraft([], result.usage, llmMs());
    const said = [...reply.claims.map((claim) => claim.text), reply.not_covered ?? ''].join(' ');
    if (repeatsInstructions(said)) return declinedDraft([NOTES.withheld], result.usage, llmMs());
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
      const draft = declinedDraft(notes, usage, llmMs(), NOTES.notSaid);
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
      llmMs: llmMs(),
    };
  };
}
