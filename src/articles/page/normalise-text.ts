import { stripInvisible } from '../../text/invisible.js';

// Spaces that are not plain spaces: tabs, no-break, en/em/thin spaces, ideographic space.
const ODD_SPACES = /[\t\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;
/**
 * Newlines to `\n`, odd spaces to spaces, and invisible and direction-changing characters removed
 * with the question cleaner's set ({@link stripInvisible}): zero-width joiners, soft hyphens, bidi
 * overrides and stray controls never reach a prompt or a quote.
 */
export function normaliseText(raw: string): string {
  return stripInvisible(raw.replace(/\r\n?/g, '\n').replace(ODD_SPACES, ' '));
}

/** Collapses runs of spaces to one and trims; for text already through {@link normaliseText}. */
export function collapseSpaces(text: string): string {
  return (text.includes('  ') ? text.replace(/ {2,}/g, ' ') : text).trim();
}

/** A loose form for comparing headlines: case, punctuation and quote styles ignored. */
export function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const JUNK_SHARE = 0.02;

/**
 * Why a text looks like binary data rather than an article, or `undefined` when it looks fine:
 * NUL characters, or more than 2% replacement / control characters.
 */
export function binaryJunkReason(raw: string): string | undefined {
  if (raw.includes('\u0000')) return 'binary data (NUL bytes)';
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const junk = raw.match(/[\ufffd\u0001-\u0008\u000e-\u001f\u007f-\u009f]/g)?.length ?? 0;
  if (raw.length > 0 && junk / raw.length > JUNK_SHARE) {
    return `binary data (${junk} of ${raw.length} characters are replacement or control characters)`;
  }
  return undefined;
}
