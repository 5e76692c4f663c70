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
import { readClaim, readModelReply } from './reply/read-reply.js';
import { consumeStream, type StreamedReply } from './reply/stream-reply.js';
import { createSourceNumbering } from './grounding/assemble-claims.js';
import { checkClaim } from './grounding/grounding.js';
import { loadNlp, prepareNlp } from '../text/nlp.js';
import type { TokenBudget } from './token-budget.js';
import { NO_USAGE, type Question, type ShownClaim, type Usage } from '../domain/types.js';
import type { Draft } from './reply/draft.js';

export type { Draft } from './reply/draft.js';

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

  // Checks each streamed claim as the final reading will, numbering sources in the same order.
  const liveClaims = (retrieval: Retrieval, emit: (claim: ShownClaim) => void) => {
    const paragraphs = retrieval.passages.map((passage) => passage.paragraph.n);
    const numbering = createSourceNumbering();
    let stopped = false;
    return (raw: unknown) => {
      const claim = stopped ? undefined : readClaim(raw, paragraphs);
      if (!claim) return;
      if (repeatsInstructions(claim.text)) stopped = true;
      const check = checkClaim(claim, retrieval.passages, retrieval.article, { support: true });
      if (!stopped && check.ok) emit(numbering.show(check.claim));
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
    const live = emit && model.stream && !checker ? liveClaims(retrieval, emit) : undefined;
    if (live) await loadNlp();
    const call = (): Promise<StreamedReply> => {
      // Checked again once a slot is free, so questions queued before the cap was reached don't overshoot it.
      const blocked = budget?.blockedReason();
      if (blocked) throw new UserFacingError(blocked, PAUSED);
      return live && model.stream ? consumeStream(model.stream(request), live) : model.chat(request);
    };
    // The model's time alone (a wait for a free slot included): prompt layout, token counts and
    // the checks below are local work, reported apart (timingsMs.local).
    const calledAt = performance.now();
    // The support check needs the language model: it is built while the reply is awaited.
    prepareNlp();
    const result = await (limiter ? limiter.run(call) : call());
    const modelMs = performance.now() - calledAt;
    const paragraphs = retrieval.passages.map((passage) => passage.paragraph.n);
    const reply = readModelReply(result.content, paragraphs, { truncated: result.truncated === true });
    if (result.truncated && reply.claims.length === 0)
      throw new UserFacingError(LLM_ERROR_MESSAGES.llm_truncated, 'llm_truncated');
    if (!reply.answerable && reply.claims.length === 0) return declinedDraft([], result.usage, modelMs);
    const said = [...reply.claims.map((claim) => claim.text), reply.not_covered ?? ''].join(' ');
    if (repeatsInstructions(said)) return declinedDraft([NOTES.withheld], result.usage, modelMs);
    const grounded = await groundClaims(reply.claims, retrieval, {
      support: true,
      checker,
      ...(signal && { signal }),
    });
    const usage = sum(result.usage, grounded.usage);
    const shown = showClaims(grounded.kept, grounded.removed);
    const notes = shown.note ? [shown.note] : [];
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
