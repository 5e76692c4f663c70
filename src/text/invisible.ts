// Characters that show nothing yet change what text means or how it displays: C0/C1 controls (but
// tab, newline and carriage return, which callers turn into spaces), soft hyphen, Arabic letter
// mark, Mongolian vowel separator, zero-width space/joiners and direction marks (U+200B-U+200F),
// bidi embeddings and overrides (U+202A-U+202E: a "word for word" quote could display reversed),
// word joiner, invisible operators and bidi isolates (U+2060-U+2069), the byte-order mark, and
// Unicode tag characters (U+E0000-U+E007F, used to smuggle hidden text).
const SET =
  '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2069\\ufeff\\u{e0000}-\\u{e007f}]';
const INVISIBLE = new RegExp(SET, 'gu');
const ONE = new RegExp(`^${SET}$`, 'u');

/**
 * Removes invisible and direction-changing characters. The one set shared by the question cleaner
 * and the article loader, so nothing a reader could not see reaches a prompt or a quote.
 */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Whether one character is in the set {@link stripInvisible} removes. */
export function isInvisible(char: string): boolean {
  return ONE.test(char);
}
