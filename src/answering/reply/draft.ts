import type { Answer, Interruption, Usage } from '../../domain/types.js';

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
  /** The answer ended early (stopped, or the model failed partway): it holds the claims shown before. */
  readonly interrupted?: Interruption;
}
