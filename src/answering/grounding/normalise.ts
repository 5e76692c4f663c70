import { isInvisible } from '../../text/invisible.js';

const SINGLE_QUOTES = /[‘’‚‛′`´]/u;
const DOUBLE_QUOTES = /[“”„‟″«»]/u;
const DASHES = /[‐‑‒–—―−]/u;

/** Text folded for comparison, with a map from each folded character back to the original. */
export interface FoldedText {
  readonly text: string;
  /** `starts[i]` is the index in the original where folded character i came from. */
  readonly starts: readonly number[];
  /** `ends[i]` is the index in the original just after that source character. */
  readonly ends: readonly number[];
}

function foldChar(char: string): string {
  if (isInvisible(char)) return '';
  if (/\s/u.test(char)) return ' ';
  if (SINGLE_QUOTES.test(char)) return "'";
  if (DOUBLE_QUOTES.test(char)) return '"';
  if (DASHES.test(char)) return '-';
  return char.normalize('NFKC').toLowerCase();
}

/**
 * Folds text for quote matching: case, curly vs straight quotes, dash variants, compatibility
 * forms (NFKC: "…" becomes "...") and runs of whitespace all compare equal. Keeps a map back
 * to the original so a match can be cut out of the article exactly as written.
 */
export function foldText(original: string): FoldedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of original) {
    const folded = foldChar(char);
    const end = index + char.length;
    for (const out of folded) {
      if (out === ' ' && (text.length === 0 || text.endsWith(' '))) continue;
      text += out;
      starts.push(index);
      ends.push(end);
    }
    index = end;
  }
  while (text.endsWith(' ')) {
    text = text.slice(0, -1);
    starts.pop();
    ends.pop();
  }
  return { text, starts, ends };
}

/** Folded comparison form of a text (see {@link foldText}). */
export function fold(text: string): string {
  return foldText(text).text;
}

// Curly quotes are listed too, so the trim is the same before and after folding.
const EDGE_PUNCTUATION = /^[\s"'“”‘’.,;:!?()[\]-]+|[\s"'“”‘’.,;:!?()[\]-]+$/gu;

/** A quote or sentence without the spaces, quotation marks and punctuation at its edges. */
export function trimEdges(text: string): string {
  return text.replace(EDGE_PUNCTUATION, '');
}
