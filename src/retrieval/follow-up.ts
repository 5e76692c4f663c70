import type { Turn } from '../domain/types.js';

/** How many earlier questions a follow-up borrows words from. */
const TURNS_CONSIDERED = 2;

/**
 * The text of the recent conversation that a follow-up question may lean on: the last
 * questions asked, most recent first. "Why?" after a question about sanctions then finds
 * the sanctions paragraphs.
 */
export function conversationContext(history: readonly Turn[] | undefined): string {
  if (!history || history.length === 0) return '';
  return history
    .slice(-TURNS_CONSIDERED)
    .reverse()
    .map((turn) => turn.question)
    .join('\n');
}

/** The last answer's text, which an elliptical follow-up ("Why?") may be about. */
export function lastAnswer(history: readonly Turn[] | undefined): string {
  return history?.at(-1)?.answer.replace(/\[\d+\]/g, ' ') ?? '';
}

/** The article the conversation was last about, from the last answer's citations. */
export function conversationArticle(history: readonly Turn[] | undefined): string | undefined {
  return history?.at(-1)?.cited?.[0]?.articleId;
}

/** Paragraphs the last answer cited, so a follow-up can stay near them. */
export function lastCited(history: readonly Turn[] | undefined, articleId: string): Set<number> {
  const cited = history?.at(-1)?.cited ?? [];
  return new Set(cited.filter((entry) => entry.articleId === articleId).map((entry) => entry.paragraph));
}

// Words that point back at something said earlier ("why did they…", "what about it", "and then?").
const ANAPHORA =
  /\b(it|its|they|them|their|theirs|this|that|these|those|he|him|his|she|her|there|then|else|also|too)\b/i;
const CONTINUATION = /^\s*(and|but|so|then|why|how come|what about|how about|what else)\b/i;
// "What happens next?", "What now?": about what follows the story so far.
const NEXT = /\b(next|now|then|after that|afterwards|from here)\b/i;
const WH_START = /^\W*(who|whom|whose|what|when|where|which|why|how)\b/i;
// Words of "what happens next?" that name nothing in the story.
const EMPTY = new Set(['happen', 'next', 'now', 'then']);

/**
 * Whether a question leans on the conversation: it has few informative words of its own and
 * refers back ("Why?", "What did officials want to do about it?", "And the experts?").
 */
export function isFollowUp(question: string, ownTerms: readonly string[]): boolean {
  if (isElliptical(question, ownTerms)) return true;
  if (ownTerms.length <= 3 && (ANAPHORA.test(question) || CONTINUATION.test(question))) return true;
  // In a conversation, a short wh-question ("Who was hit?") usually continues it.
  return ownTerms.length <= 1 && WH_START.test(question);
}

/**
 * Whether a question names nothing of its own ("Why?", "How?", "What happens next?"): it can only be
 * about the last answer, and repeating that answer would not answer it.
 */
export function isElliptical(question: string, ownTerms: readonly string[]): boolean {
  const named = ownTerms.filter((term) => !EMPTY.has(term));
  return named.length === 0 && (ownTerms.length === 0 || NEXT.test(question));
}
