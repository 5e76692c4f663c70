import { eng as englishStopWords } from 'stopword';
import type { Article, Paragraph } from '../../articles/types.js';
import type { RawClaim } from '../reply/claims-schema.js';
import { stripMarkers } from '../reply/markers.js';
import { fold, trimEdges } from './normalise.js';
import { splitSentences } from '../../text/sentences.js';
import { checkSupport, type SupportFailure } from './support-check.js';
import type { Passage } from '../../domain/types.js';
import { verifyQuote, type QuoteMatch } from './verify-quote.js';

/** Why a claim was removed before a reader could see it. */
export type RemovalReason =
  'no-quote' | 'quote-not-found' | 'quote-too-short' | 'misquoted' | SupportFailure | 'model-check';

/** A claim whose every quote was verified, with its quotes as the article writes them. */
export interface CheckedClaim {
  /** The claim's text, markers removed (code places them). */
  readonly text: string;
  readonly quotes: readonly QuoteMatch[];
}

export type ClaimCheck =
  | { readonly ok: true; readonly claim: CheckedClaim }
  | { readonly ok: false; readonly reason: RemovalReason; readonly text: string };

/** Fewest content words a quote needs, unless it is a whole sentence of the article. */
export const MIN_CONTENT_WORDS = 4;
const STOP = new Set(englishStopWords);

const contentWordCount = (text: string) =>
  (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).filter((word) => !STOP.has(word)).length;

function isWholeSentence(match: QuoteMatch): boolean {
  const quote = trimEdges(fold(match.text));
  return splitSentences(match.paragraph.text).some((sentence) => trimEdges(fold(sentence)) === quote);
}

/** Substantial: at least four content words, or a whole sentence of the article. */
export function isSubstantial(matches: readonly QuoteMatch[]): boolean {
  const words = matches.reduce((sum, match) => sum + contentWordCount(match.text), 0);
  return words >= MIN_CONTENT_WORDS || matches.some(isWholeSentence);
}

/**
 * Splits a claim into the text it puts in double quotation marks (outermost spans: a quote may
 * itself quote a name, “… known as “Salt Typhoon,” which …”) and its own words outside them.
 */
export function quotedSpans(text: string): { inside: string[]; outside: string } {
  const inside: string[] = [];
  let outside = '';
  let depth = 0;
  let straight = false;
  let span = '';
  for (const char of text) {
    const opens = char === '“' || (char === '"' && !straight && depth === 0);
    const closes = (char === '”' && depth > 0) || (char === '"' && straight);
    if (opens && char === '"') straight = true;
    if (closes && char === '"') straight = false;
    if (opens && char === '“') depth += 1;
    if (closes && char === '”') depth -= 1;
    const quoting = depth > 0 || straight;
    if (quoting && !(opens && span === '' && (depth === 1 || char === '"'))) span += char;
    if (!quoting) {
      if (span.trim()) inside.push(span.trim());
      span = '';
      outside += closes ? ' … ' : char;
    }
  }
  if (span.trim()) outside += span; // an unclosed quotation mark quotes nothing
  return { inside: inside.filter((quoted) => /[\p{L}\p{N}]/u.test(quoted)), outside };
}

/** Passages to search for a quote: the one it cites first, then the other retrieved passages. */
function searchOrder(source: number, passages: readonly Passage[], article: Article): Paragraph[] {
  const retrieved = passages
    .map((passage) => passage.paragraph)
    .filter((paragraph) => paragraph.articleId === article.id);
  const cited = passages[source - 1]?.paragraph;
  return cited && retrieved.includes(cited) ? [cited, ...retrieved.filter((p) => p !== cited)] : retrieved;
}

/**
 * Checks one claim; it is shown only if all holds: it carries at least one quote; every quote is
 * verified in a retrieved passage and is substantial; whatever it puts in quotation marks is
 * the article's own words; and (with `support`) the code support check passes.
 */
export function checkClaim(
  claim: RawClaim,
  passages: readonly Passage[],
  article: Article,
  options: { readonly support: boolean },
): ClaimCheck {
  const text = stripMarkers(claim.text).replace(/\s+/g, ' ').trim();
  const fail = (reason: RemovalReason): ClaimCheck => ({ ok: false, reason, text });
  if (claim.quotes.length === 0) return fail('no-quote');
  const quotes: QuoteMatch[] = [];
  for (const quote of claim.quotes) {
    const matches = verifyQuote(quote.quote, searchOrder(quote.source, passages, article));
    if (!matches) return fail('quote-not-found');
    if (!isSubstantial(matches)) return fail('quote-too-short');
    quotes.push(...matches);
  }
  const { inside, outside } = quotedSpans(text);
  if (inside.some((quoted) => !verifyQuote(quoted, article.paragraphs))) return fail('misquoted');
  if (options.support) {
    const paragraphs = [...new Set(quotes.map((quote) => quote.paragraph.text))];
    // Quoted text is the article's own (checked above); only the claim's own words need support.
    const verdict = checkSupport(outside, { quotes: quotes.map((quote) => quote.text), paragraphs });
    if (verdict.failure) return fail(verdict.failure);
  }
  return { ok: true, claim: { text, quotes } };
}
