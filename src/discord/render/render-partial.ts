import type { APIEmbed } from 'discord.js';
import type { ArticleMeta } from '../../articles/types.js';
import { NOTES } from '../../answering/notes.js';
import type { Answer } from '../../domain/types.js';
import { writingComponents } from './answer-buttons.js';
import type { ShownClaim } from '../../domain/types.js';
import { LIMITS } from './limits.js';
import { toMessages, type OutgoingMessage } from './outgoing.js';
import { ANSWER_COLORS, restatedQuestion } from './render-answer.js';
import { sanitiseModelText } from './safety.js';
import { splitText } from './split.js';

/** Shown under the verified part while the rest is written. */
export const WRITING = '✍️ *writing… (each part appears once its quotes are checked)*';
/** Said when the asker stopped the answer. */
export const STOPPED_NOTE = 'Stopped at your request: the parts verified so far are shown.';

/**
 * An answer being written: the claims verified so far (never an unchecked one), a "writing…"
 * line and a Stop button. Long text continues in further embeds and messages, as the final
 * answer does; sources and the other buttons come with the final edit.
 */
export function renderPartial(
  claims: readonly ShownClaim[],
  {
    question,
    url,
    streamId,
  }: { readonly question?: string; readonly url?: string; readonly streamId: string },
): OutgoingMessage[] {
  const text = claims.map((claim) => sanitiseModelText(claim.text, url)).join(' ');
  const body = text === '' ? WRITING : `${text}\n\n${WRITING}`;
  const embeds: APIEmbed[] = splitText(body, LIMITS.description).map((description) => ({
    color: ANSWER_COLORS.llm,
    description,
  }));
  return toMessages(
    embeds,
    question === undefined ? undefined : restatedQuestion(question),
    writingComponents(streamId),
  );
}

/** Why an answer being written was stopped: the asker's Stop, or the bot shutting down. */
export type StopReason = 'stop' | 'shutdown';

/** Said when the bot shut down while the answer was being written. */
export const SHUTDOWN_NOTE =
  'Stopped because the bot is restarting: the parts verified so far are shown. Ask again in a minute for the rest.';
const STOPPED_EMPTY = {
  stop: NOTES.stoppedEmpty,
  shutdown:
    'The bot is restarting, so this answer was stopped before any part was verified. Please ask again in a minute.',
} as const;

/** The answer made of the claims verified before the asker pressed Stop (or the bot shut down). */
export function stoppedAnswer(
  question: string,
  claims: readonly ShownClaim[],
  article: ArticleMeta,
  why: StopReason = 'stop',
): Answer {
  const citations = [...new Set(claims.flatMap((claim) => claim.citations))];
  return {
    question,
    mode: claims.length > 0 ? 'llm' : 'declined',
    text: claims.length > 0 ? claims.map((claim) => claim.text).join(' ') : STOPPED_EMPTY[why],
    citations,
    claims,
    removed: { count: 0, reasons: [] },
    retrieved: [],
    article,
    notes: claims.length > 0 ? [why === 'stop' ? STOPPED_NOTE : SHUTDOWN_NOTE] : [],
    suggestions: [],
    usage: { promptTokens: 0, completionTokens: 0 },
    timingsMs: { retrieval: 0, llm: 0, total: 0 },
    interrupted: { kind: 'stopped' },
  };
}
