import type { Answer } from '../../domain/types.js';
import type { OutgoingMessage } from '../render/outgoing.js';
import type { AnswerEvent, ShownClaim } from '../../domain/types.js';
import { untilAborted } from './answer-stream.js';
import type { Surface } from '../render/stream-surface.js';

/** Discord edits a message about once a second at most before rate limits bite; popular bots do the same. */
export const EDIT_INTERVAL_MS = 1200;

export interface StreamRun {
  readonly events: AsyncIterable<AnswerEvent>;
  readonly surface: Surface;
  /** What to show while writing, from the claims verified so far; none: only the final edit. */
  readonly partial?: (claims: readonly ShownClaim[]) => OutgoingMessage[];
  /** Aborted by the Stop button: the rest is not waited for. */
  readonly signal: AbortSignal;
  /** Told when the first message is on screen (to register its Stop button, stop typing). */
  readonly onShown?: () => void;
  /** Told when an edit fails (the run still ends with that failure). */
  readonly onEditFailed?: (error: unknown) => void;
  readonly intervalMs?: number;
  readonly now?: () => number;
}

/** How a run ended: with the engine's answer, or stopped with the claims verified so far. */
export type StreamOutcome =
  | { readonly kind: 'done'; readonly answer: Answer; readonly claims: readonly ShownClaim[] }
  | { readonly kind: 'stopped'; readonly claims: readonly ShownClaim[] };

/**
 * Shows claims as they are verified, editing at most once per interval: claims arriving in
 * between are coalesced into the next edit, and an edit never overlaps another. Returns once the
 * stream ends (the caller makes the final edit, with sources and buttons) or is stopped.
 */
export async function runStream(run: StreamRun): Promise<StreamOutcome> {
  const interval = run.intervalMs ?? EDIT_INTERVAL_MS;
  const now = run.now ?? Date.now;
  const claims: ShownClaim[] = [];
  let lastEdit = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let editing: Promise<void> | undefined;
  let dirty = false;
  let failure: Error | undefined;

  const edit = async () => {
    dirty = false;
    const first = run.surface.sent.length === 0;
    try {
      await run.surface.sync(run.partial?.(claims) ?? []);
    } finally {
      // Counted from when Discord has the edit, so requests arrive at least an interval apart.
      lastEdit = now();
    }
    if (first) run.onShown?.();
  };
  const schedule = () => {
    if (!run.partial) return;
    dirty = true;
    if (timer || editing) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        editing = edit()
          .catch((error: unknown) => {
            failure ??= error instanceof Error ? error : new Error(String(error));
            run.onEditFailed?.(error);
          })
          .finally(() => {
            editing = undefined;
            if (dirty) schedule();
          });
      },
      Math.max(0, lastEdit + interval - now()),
    );
  };

  let answer: Answer | undefined;
  try {
    for await (const event of untilAborted(run.events, run.signal)) {
      if (event.type === 'done') {
        answer = event.answer;
        break;
      }
      claims.push(event.claim);
      schedule();
    }
  } finally {
    clearTimeout(timer);
    timer = undefined;
    dirty = false;
    await editing;
  }
  if (failure !== undefined) throw failure;
  if (answer) return { kind: 'done', answer, claims };
  if (!run.signal.aborted) throw new Error('the answer stream ended without an answer');
  return { kind: 'stopped', claims };
}
