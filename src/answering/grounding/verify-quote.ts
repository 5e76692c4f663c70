import type { Paragraph } from '../../articles/types.js';
import { stripMarkers } from '../reply/markers.js';
import { fold, foldText, trimEdges, type FoldedText } from './normalise.js';

const WORD_CHAR = /[\p{L}\p{N}]/u;
// An ellipsis, or words the model put in [brackets] (an insertion, never article text): both
// separate verbatim fragments. Numeric brackets are markers, stripped before this.
const GAP = /\s*(?:\.\s?\.\s?\.|…|\[\s*(?:\.\.\.|…)\s*\]|\[[^\]\d][^\]]*\])\s*/u;

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

/** One verified piece of a quote: where it is and its text exactly as the article writes it. */
export interface QuoteMatch {
  readonly paragraph: Paragraph;
  /** Verbatim article text; fragments of an ellipsis quote joined by " … ". */
  readonly text: string;
}

/** The verbatim fragments a quote claims: markers stripped, split at ellipses and [insertions]. */
export function quoteFragments(quote: string): string[] {
  return fold(stripMarkers(quote))
    .split(new RegExp(GAP.source, 'gu'))
    .map(trimEdges)
    .filter((piece) => WORD_CHAR.test(piece));
}

function isBoundary(text: string, index: number): boolean {
  return !WORD_CHAR.test(text[index - 1] ?? ' ') || !WORD_CHAR.test(text[index] ?? ' ');
}

function findWhole(haystack: string, needle: string, from = 0): [number, number] | undefined {
  for (let at = haystack.indexOf(needle, from); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (isBoundary(haystack, at) && isBoundary(haystack, end)) return [at, end];
  }
  return undefined;
}

/** Finds every fragment, in order, in one paragraph; returns the verbatim text or undefined. */
function inOrder(paragraph: Paragraph, fragments: readonly string[]): string | undefined {
  const folded = foldedOf(paragraph);
  const pieces: [number, number][] = [];
  let from = 0;
  for (const fragment of fragments) {
    const span = findWhole(folded.text, fragment, from);
    if (!span) return undefined;
    const start = folded.starts[span[0]] ?? 0;
    const end = folded.ends[span[1] - 1] ?? start;
    const previous = pieces.at(-1);
    // Fragments that turn out adjacent in the article are shown as the one span they are.
    if (previous && /^[\s,;:]*$/u.test(paragraph.text.slice(previous[1], start))) previous[1] = end;
    else pieces.push([start, end]);
    from = span[1];
  }
  return pieces.map(([start, end]) => paragraph.text.slice(start, end)).join(' … ');
}

/** A quote that runs from the end of one passage into the next: split where both halves verify. */
function acrossTwo(fragment: string, paragraphs: readonly Paragraph[]): QuoteMatch[] | undefined {
  const words = fragment.split(' ');
  for (let cut = words.length - 1; cut >= 1; cut -= 1) {
    const head = trimEdges(words.slice(0, cut).join(' '));
    const tail = trimEdges(words.slice(cut).join(' '));
    if (!WORD_CHAR.test(head) || !WORD_CHAR.test(tail)) continue;
    const first = paragraphs.find((paragraph) => inOrder(paragraph, [head]) !== undefined);
    const second = paragraphs.find((paragraph) => paragraph !== first && inOrder(paragraph, [tail]));
    if (first && second) {
      return [
        { paragraph: first, text: inOrder(first, [head]) ?? head },
        { paragraph: second, text: inOrder(second, [tail]) ?? tail },
      ];
    }
  }
  return undefined;
}

/**
 * Verifies a quote against paragraphs (the cited one first): every fragment word for word after
 * folding (see {@link foldText}), on word boundaries, in order, in one paragraph; a quote running
 * across two paragraphs is split at the boundary and each part verified. Returns the verified
 * pieces as the article writes them, or undefined when any part is not there.
 */
export function verifyQuote(quote: string, paragraphs: readonly Paragraph[]): QuoteMatch[] | undefined {
  const fragments = quoteFragments(quote);
  if (fragments.length === 0) return undefined;
  for (const paragraph of paragraphs) {
    const text = inOrder(paragraph, fragments);
    if (text !== undefined) return [{ paragraph, text }];
  }
  const [only] = fragments;
  return fragments.length === 1 && only ? acrossTwo(only, paragraphs) : undefined;
}

/** Finds a quote in a paragraph (see {@link verifyQuote}); the verbatim text or undefined. */
export function locateQuote(paragraph: Paragraph, quote: string): string | undefined {
  return verifyQuote(quote, [paragraph])?.[0]?.text;
}
