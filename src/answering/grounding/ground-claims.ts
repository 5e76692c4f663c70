import type { Retrieval } from '../../domain/types.js';
import { createSourceNumbering, describeRemovals, removalNote } from './assemble-claims.js';
import type { RawClaim } from '../reply/claims-schema.js';
import { checkClaim, type CheckedClaim, type ClaimCheck, type RemovalReason } from './grounding.js';
import type { ClaimChecker } from './model-check.js';
import { loadNlp } from '../../text/nlp.js';
import { NO_USAGE, type Citation, type Removed, type ShownClaim, type Usage } from '../../domain/types.js';

export interface GroundOptions {
  /** Run the code support check (model claims); extractive claims are the quotes themselves. */
  readonly support: boolean;
  /** The second opinion (GROUNDING_CHECK=model), with the question the claims answer. */
  readonly checker?: ClaimChecker;
  readonly question?: string;
  readonly signal?: AbortSignal;
  /** The code check, when the caller already ran it on some claims (streaming): each claim is checked once. */
  readonly check?: (claim: RawClaim) => ClaimCheck;
}

/** The claims that passed every check, the reasons the others were removed, and the check's cost. */
export interface GroundedClaims {
  readonly kept: readonly CheckedClaim[];
  readonly removed: readonly RemovalReason[];
  readonly usage: Usage;
  /** True when the second opinion was asked but gave no readable verdict for some kept claim. */
  readonly secondCheckUnavailable?: boolean;
}

/** Checks every claim in code, then (when configured) asks the second opinion about the survivors. */
export async function groundClaims(
  claims: readonly RawClaim[],
  retrieval: Retrieval,
  options: GroundOptions,
): Promise<GroundedClaims> {
  if (options.support) await loadNlp();
  const check =
    options.check ?? ((claim: RawClaim) => checkClaim(claim, retrieval.passages, retrieval.article, options));
  const kept: CheckedClaim[] = [];
  const removed: RemovalReason[] = [];
  for (const claim of claims) {
    const result = check(claim);
    if (result.ok) kept.push(result.claim);
    else removed.push(result.reason);
  }
  if (!options.checker || kept.length === 0) return { kept, removed, usage: NO_USAGE };
  const context = { question: options.question ?? '', ...(options.signal && { signal: options.signal }) };
  const { supported, usage } = await options.checker.check(kept, context);
  // A claim the judge said no to is removed; one it gave no readable verdict for stays on the
  // code check's word, and the answer says so (never a silent pass).
  const vouched = kept.filter((_claim, index) => supported[index] !== false);
  for (let i = vouched.length; i < kept.length; i += 1) removed.push('model-check');
  const unavailable = vouched.some((claim) => supported[kept.indexOf(claim)] === undefined);
  return { kept: vouched, removed, usage, ...(unavailable && { secondCheckUnavailable: true }) };
}

/** What readers see of grounded claims: numbered, with markers, the removal told truthfully. */
export interface ShownAnswer {
  readonly text: string;
  readonly claims: readonly ShownClaim[];
  readonly citations: readonly Citation[];
  readonly removed: Removed;
  /** The one-line removal note, or undefined when nothing was removed. */
  readonly note?: string;
}

/** Numbers the sources, places the markers and joins the claims into the answer text. */
export function showClaims(kept: readonly CheckedClaim[], removed: readonly RemovalReason[]): ShownAnswer {
  const numbering = createSourceNumbering();
  const claims = kept.map((claim) => numbering.show(claim));
  const described = describeRemovals(removed);
  const note = removalNote(removed);
  return {
    text: claims.map((claim) => claim.text).join(' '),
    claims,
    citations: numbering.citations(),
    removed: described,
    ...(note && { note }),
  };
}
