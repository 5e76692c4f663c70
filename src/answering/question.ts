/** A question after cleaning, or the reason it cannot be asked. */
export type CheckedQuestion =
  | { readonly ok: true; readonly question: string }
  | { readonly ok: false; readonly reason: 'empty' | 'too_long'; readonly message: string };

// Control and invisible formatting characters (C0/C1, zero-width, bidi overrides) carry no meaning in a question.
const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;

/**
 * Cleans a question (control characters removed, whitespace collapsed) and checks it is
 * neither empty nor longer than `maxLength` characters.
 */
export function checkQuestion(raw: string, maxLength: number): CheckedQuestion {
  const question = raw.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
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
