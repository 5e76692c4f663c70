import type { Citation, Retrieval, ShownClaim } from '../../domain/types.js';
import { createSourceNumbering } from './assemble-claims.js';
import { checkClaim, type ClaimCheck, type RemovalReason } from './grounding.js';
import type { RawClaim } from '../reply/claims-schema.js';
import { readClaim } from '../reply/read-reply.js';

/** The claims of a reply being streamed, checked as each completes: what the reader has been shown. */
export interface LiveClaims {
  /** Takes one raw claim from the stream: checks it and, when it passes, shows it. */
  take(raw: unknown): void;
  /** The claims shown so far, in order, numbered as shown. */
  readonly shown: readonly ShownClaim[];
  /** Why the claims that failed a check were left out. */
  readonly removed: readonly RemovalReason[];
  /** Every citation shown so far, by number. */
  citations(): Citation[];
}

export interface LiveClaimsOptions {
  /** Told each claim as it passes (the front end shows it at once). */
  readonly emit?: (claim: ShownClaim) => void;
  /** Once aborted, nothing more is shown: the screen stays as it was when the answer was stopped. */
  readonly signal?: AbortSignal;
  /** A reply that repeats the prompt's instructions stops being shown from that claim on. */
  readonly repeatsInstructions: (text: string) => boolean;
  /** The answer's code check, shared with the final reading so each claim is checked once. */
  readonly check?: (claim: RawClaim) => ClaimCheck;
}

/**
 * Checks each streamed claim as the final reading will (quotes verified, support checked), numbering
 * sources in the same order, and keeps the ones shown: an answer interrupted later keeps exactly these.
 */
export function createLiveClaims(retrieval: Retrieval, options: LiveClaimsOptions): LiveClaims {
  const paragraphs = retrieval.passages.map((passage) => passage.paragraph.n);
  const numbering = createSourceNumbering();
  const shown: ShownClaim[] = [];
  const removed: RemovalReason[] = [];
  let leaked = false;
  return {
    shown,
    removed,
    citations: () => numbering.citations(),
    take(raw) {
      if (leaked || options.signal?.aborted) return;
      const claim = readClaim(raw, paragraphs);
      if (!claim) return;
      if (options.repeatsInstructions(claim.text)) return void (leaked = true);
      const check =
        options.check?.(claim) ?? checkClaim(claim, retrieval.passages, retrieval.article, { support: true });
      if (!check.ok) return void removed.push(check.reason);
      const showing = numbering.show(check.claim);
      shown.push(showing);
      options.emit?.(showing);
    },
  };
}
