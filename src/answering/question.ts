import { stripInvisible } from '../text/invisible.js';

/** A question after cleaning, or the reason it cannot be asked. */
export type CheckedQuestion =
  | { readonly ok: true; readonly question: string }
  | { readonly ok: false; readonly reason: 'empty' | 'too_long'; readonly message: string };

/**
 * Cleans a question (control characters removed, whitespace collapsed) and checks it is
 * neither empty nor longer than `maxLength` characters.
 */
export function checkQuestion(raw: string, maxLength: number): CheckedQuestion {
  // Control and invisible formatting characters carry no meaning in a question (articles lose the same set).
  const question = stripInvisible(raw).replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(question)) {
    return {
      ok: false,
      reason: 'empty',
      message: 'Please type your question in words, for example: "What happened, and why?"',
    };
  }
  if (question.length > maxLength) {
    return {
      ok: false,
      reason: 'too_long',
      message: `That question is ${question.length} characters long; the limit is ${maxLength} characters.`,
    };
  }
  return { ok: true, question };
}
