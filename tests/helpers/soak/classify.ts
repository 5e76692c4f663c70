import { ANSWER_COLORS, EXTRACTIVE_TITLE } from '../../../src/discord/render/render-answer.js';
import { GENERIC_APOLOGY } from '../../../src/errors.js';
import type { MessageRecord } from '../fake-discord/index.js';

/** What became of one question or button press. */
export type Outcome = 'answered' | 'told' | 'undeliverable' | 'lost';

export interface Classified {
  readonly outcome: Outcome;
  /** Which kind of answer (llm, extractive-with-note, declined, ...) or which reason (cooldown, apology, ...). */
  readonly detail: string;
}

/** Reasons a user can be told instead of answered, recognised by their wording. */
const REASONS: readonly [string, RegExp][] = [
  ['cooldown', /asking a little fast/],
  ['apology', new RegExp(GENERIC_APOLOGY.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
  ['busy', /a lot of questions/i],
  ['restarting', /restarting/],
  ['too-long', /the limit is \d+/],
  ['not-a-question', /in words/],
  ['forgotten', /no longer have that answer/],
  ['tampered', /doesn't look like one of mine/],
  ['no-such-paragraph', /There is no ¶/],
];
const DONE = /Thanks for the feedback|already rated/;

function reason(text: string): string {
  return REASONS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other';
}

/** Classifies the bot's reply to a question (/ask, a DM, a mention, a reply). */
export function classifyAnswer(message: MessageRecord | undefined): Classified {
  if (!message) return { outcome: 'lost', detail: 'no reply' };
  const head = message.embeds[0];
  // Told apart as a reader does: by colour, and the extractive answer's one short title.
  if (head?.color === ANSWER_COLORS.llm || head?.color === ANSWER_COLORS.extractive) {
    const noted = message.embeds.some((embed) => (embed.description ?? '').includes('ℹ️'));
    const mode = head.title === EXTRACTIVE_TITLE ? 'extractive' : 'llm';
    return { outcome: 'answered', detail: noted ? `${mode}-with-note` : mode };
  }
  if (head?.color === ANSWER_COLORS.declined) return { outcome: 'answered', detail: 'declined' };
  if (message.embeds.length === 0 && message.content.trim() !== '')
    return { outcome: 'told', detail: reason(message.content) };
  return { outcome: 'lost', detail: 'reply with neither an answer nor a reason' };
}

/** Whether a reply is still being written (it shows a Stop button until the final edit). */
export function stillWriting(message: MessageRecord): boolean {
  return JSON.stringify(message.components).includes('"custom_id":"stop:');
}

/** Classifies the reply to another command or a button: shown (embeds, a vote noted) or told why not. */
export function classifyOther(message: MessageRecord | undefined): Classified {
  if (!message) return { outcome: 'lost', detail: 'no reply' };
  if (message.embeds.length > 0) return { outcome: 'answered', detail: 'shown' };
  if (DONE.test(message.content)) return { outcome: 'answered', detail: 'vote-noted' };
  if (message.content.trim() !== '') return { outcome: 'told', detail: reason(message.content) };
  return { outcome: 'lost', detail: 'empty reply' };
}
