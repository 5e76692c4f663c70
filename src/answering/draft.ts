import { NO_USAGE, type Interruption, type Usage } from '../domain/types.js';
import type { Draft } from './reply/draft.js';
import { describeRemovals, removalNote } from './grounding/assemble-claims.js';
import type { LiveClaims } from './grounding/live-claims.js';
import { NOTES } from './notes.js';

export type { Draft } from './reply/draft.js';
export { NO_USAGE };

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

/**
 * The answer of a model call that ended early: the claims shown before (never a fallback in their
 * place), a note saying why, and what the call spent. Stopped before any claim: a short declined answer.
 */
export function interruptedDraft(
  live: LiveClaims,
  interrupted: Interruption,
  usage: Usage,
  llmMs: number,
): Draft {
  const removed = describeRemovals(live.removed);
  const removedNote = removalNote(live.removed);
  const why = interrupted.kind === 'stopped' ? NOTES.stopped : NOTES.cutShort(interrupted.code ?? '');
  const notes = removedNote ? [why, removedNote] : [why];
  if (live.shown.length === 0)
    return { ...declinedDraft(notes.slice(1), usage, llmMs, NOTES.stoppedEmpty), removed, interrupted };
  return {
    mode: 'llm',
    text: live.shown.map((claim) => claim.text).join(' '),
    claims: [...live.shown],
    citations: live.citations(),
    removed,
    notes,
    usage,
    llmMs,
    interrupted,
  };
}
