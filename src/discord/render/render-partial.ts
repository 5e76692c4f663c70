import type { APIEmbed } from 'discord.js';
import type { ArticleMeta } from '../../articles/types.js';
import type { Answer, Citation } from '../../domain/types.js';
import { writingComponents } from './answer-buttons.js';
import type { StreamedClaim } from '../ask/answer-stream.js';
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
  claims: readonly StreamedClaim[],
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

/** The answer made of the claims verified before the asker pressed Stop. */
export function stoppedAnswer(
  question: string,
  claims: readonly StreamedClaim[],
  article: ArticleMeta,
): Answer {
  const citations: Citation[] = [];
  for (const claim of claims) citations.push(...claim.citations);
  return {
    question,
    mode: claims.length > 0 ? 'llm' : 'declined',
    text:
      claims.length > 0
        ? claims.map((claim) => claim.text).join(' ')
        : 'Stopped before any part was verified.',
    citations,
    claims,
    removed: { count: 0, reasons: [] },
    retrieved: [],
    article,
    notes: claims.length > 0 ? [STOPPED_NOTE] : [],
    suggestions: [],
    usage: { promptTokens: 0, completionTokens: 0 },
    timingsMs: { retrieval: 0, llm: 0, total: 0 },
  };
}
