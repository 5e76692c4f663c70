import { fold, foldText, type FoldedText } from './normalise.js';

/** Fewest words a quote must have to count as evidence. */
const MIN_WORDS = 2;
const EDGE_PUNCTUATION = /^[\s"'.,;:!?()[\]-]+|[\s"'.,;:!?()[\]-]+$/g;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Cache of folded paragraph texts: paragraphs are folded once, not once per quote. */
const foldedCache = new WeakMap<object, FoldedText>();

function foldedOf(paragraph: { readonly text: string }): FoldedText {
  let folded = foldedCache.get(paragraph);
  if (!folded) {
    folded = foldText(paragraph.text);
    foldedCache.set(paragraph, folded);
  }
  return folded;
}

/** The pieces of a quote worth checking: an ellipsis splits it, edge punctuation is trimmed. */
function candidates(quote: string): string[] {
  return fold(quote)
    .split(/\.\.\.|\[\s*\.\.\.\s*\]/)
    .map((piece) => piece.replace(EDGE_PUNCTUATION, ''))
    .filter((piece) => piece.split(' ').filter((word) => WORD_CHAR.test(word)).length >= MIN_WORDS)
    .sort((a, b) => b.length - a.length);
}

function isBoundary(text: string, index: number): boolean {
  return !WORD_CHAR.test(text[index - 1] ?? ' ') || !WORD_CHAR.test(text[index] ?? ' ');
}

function findWhole(haystack: FoldedText, needle: string): [number, number] | undefined {
  let from = 0;
  for (;;) {
    const at = haystack.text.indexOf(needle, from);
    if (at < 0) return undefined;
    const end = at + needle.length;
    if (isBoundary(haystack.text, at) && isBoundary(haystack.text, end)) return [at, end];
    from = at + 1;
  }
}

/**
 * Finds a quote in a paragraph, word for word after folding (see {@link foldText}), on word
 * boundaries. Returns the quote cut out of the paragraph exactly as the article writes it,
 * or undefined. A quote the model shortened with "..." yields its longest verbatim piece.
 */
export function locateQuote(paragraph: { readonly text: string }, quote: string): string | undefined {
  const folded = foldedOf(paragraph);
  for (const piece of candidates(quote)) {
    const span = findWhole(folded, piece);
    if (!span) continue;
    const start = folded.starts[span[0]];
    const end = folded.ends[span[1] - 1];
    if (start !== undefined && end !== undefined) return paragraph.text.slice(start, end);
  }
  return undefined;
}
