/** What a button press asks for, decoded from (and validated against) its custom id. */
export type ButtonAction =
  | { readonly kind: 'quote'; readonly articleId: string; readonly paragraph: number }
  | { readonly kind: 'paragraphs'; readonly articleId?: string; readonly paragraphs: readonly number[] }
  | { readonly kind: 'vote'; readonly vote: 'up' | 'down' }
  | {
      readonly kind: 'follow-up';
      readonly articleId: string;
      readonly paragraph: number;
      readonly topic: number;
    }
  | { readonly kind: 'stop'; readonly streamId: string }
  /** "Which story?": the reader picked choice `index` (1-based) of the remembered answer. */
  | { readonly kind: 'story'; readonly index: number };

/** Discord's limit on a custom id. */
const MAX_CUSTOM_ID = 100;
const QUOTE = /^quote:(.+):(\d{1,6})$/;
const FOLLOW_UP = /^ask:(.+):(\d{1,6}):(\d{1,3})$/;
const PARAGRAPHS = /^paras:(.+):(\d{1,6}(?:\.\d{1,6}){0,24})$/;

/** The id of a Prev/Next button that shows ¶`paragraph`; `undefined` when the article id is too long. */
export function quoteButtonId(articleId: string, paragraph: number): string | undefined {
  const id = `quote:${articleId}:${paragraph}`;
  return id.length <= MAX_CUSTOM_ID ? id : undefined;
}

/**
 * The id of a "Show paragraphs" button. The paragraphs are encoded when they fit, so the button
 * still works after a restart; otherwise the answer kept in memory supplies them.
 */
export function paragraphsButtonId(articleId: string | undefined, paragraphs: readonly number[]): string {
  const full = `paras:${articleId ?? ''}:${paragraphs.slice(0, 25).join('.')}`;
  return articleId !== undefined && paragraphs.length > 0 && full.length <= MAX_CUSTOM_ID ? full : 'paras';
}

/** The id of a follow-up question button: the topic of a paragraph, so it works after a restart. */
export function followUpButtonId(articleId: string, paragraph: number, topic: number): string | undefined {
  const id = `ask:${articleId}:${paragraph}:${topic}`;
  return id.length <= MAX_CUSTOM_ID ? id : undefined;
}

const STOP = /^stop:(\d{1,25})$/;

/** The Stop button under an answer being written (named by the question's id). */
export function stopButtonId(streamId: string): string {
  return `stop:${streamId}`;
}
const STORY = /^story:([1-5])$/;

/** The id of the button that picks choice `index` (1-based) of a "which story?" reply. */
export const storyButtonId = (index: number): string => `story:${index}`;

export const VOTE_UP_ID = 'vote:up';
export const VOTE_DOWN_ID = 'vote:down';

/** Decodes a custom id; anything not made by this bot (or tampered with) gives `undefined`. */
export function parseCustomId(customId: string): ButtonAction | undefined {
  if (customId === VOTE_UP_ID) return { kind: 'vote', vote: 'up' };
  if (customId === VOTE_DOWN_ID) return { kind: 'vote', vote: 'down' };
  if (customId === 'paras') return { kind: 'paragraphs', paragraphs: [] };
  const stop = STOP.exec(customId);
  if (stop?.[1] !== undefined) return { kind: 'stop', streamId: stop[1] };
  const followUp = FOLLOW_UP.exec(customId);
  if (followUp?.[1] !== undefined && followUp[2] !== undefined && followUp[3] !== undefined) {
    const [, articleId, paragraph, topic] = followUp;
    return { kind: 'follow-up', articleId, paragraph: Number(paragraph), topic: Number(topic) };
  }
  const story = STORY.exec(customId);
  if (story?.[1] !== undefined) return { kind: 'story', index: Number(story[1]) };
  const quote = QUOTE.exec(customId);
  if (quote?.[1] !== undefined && quote[2] !== undefined) {
    return { kind: 'quote', articleId: quote[1], paragraph: Number(quote[2]) };
  }
  const paragraphs = PARAGRAPHS.exec(customId);
  if (paragraphs?.[1] !== undefined && paragraphs[2] !== undefined) {
    return { kind: 'paragraphs', articleId: paragraphs[1], paragraphs: paragraphs[2].split('.').map(Number) };
  }
  return undefined;
}
