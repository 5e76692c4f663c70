import { canonicalMarkers, findMarkers, parseSourceRef, stripMarkers, type SourceRef } from './markers.js';
import { splitSentences } from '../extractive/sentences.js';

/** A claim read from prose or from the old `answer` + `citations` form, before sources are resolved. */
export interface LooseClaim {
  readonly text: string;
  readonly quotes: readonly { readonly ref?: SourceRef; readonly quote: string }[];
}

/** What a prose reply says: its claims and the part of the question it says the article does not cover. */
export interface ProseReading {
  readonly claims: LooseClaim[];
  readonly notCovered: string | null;
}

// A footnote line: "[1] "quote"", "1. quote", "[^1]: quote", "(2) quote", "【1】 quote", "Passage 1: quote".
const FOOTNOTE =
  /^\s*(?:[-*•]\s*)?(\[\^?\s*(?:passage\s*)?\d+\s*\]|【\s*\d+[^】]*】|\(\s*\d+\s*\)|\d+[.):]|passage\s*\d+|¶\s*\d+)\s*:?\s*(.+)$/iu;
const HEADING = /^\s*(?:#+\s*)?\**(sources?|quotes?|citations?|references?|evidence)\**\s*:?\s*\**\s*$/iu;
const INLINE_QUOTE = /“([^”]{3,400})”|"([^"]{3,400})"/gu;
const NOT_COVERED =
  /\b(?:article|passages?|text|story)\b[^.]*\b(?:does not|doesn't|do not|don't|did not|never)\s+(?:say|mention|cover|specify|state|give|address|explain|report)/iu;
const LEAD_IN = /:\s*$/u;
const MIN_EVIDENCE_WORDS = 4;

function footnotes(lines: readonly string[]): { body: string[]; notes: Map<string, string[]> } {
  const notes = new Map<string, string[]>();
  let cut = lines.length;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || HEADING.test(line)) {
      cut = i;
      continue;
    }
    const match = FOOTNOTE.exec(line);
    const ref = match ? parseSourceRef(match[1]?.replace(/[【】()\]^[]/g, '')) : undefined;
    if (!match || !ref) break;
    const key = `${ref.kind}:${ref.n}`;
    const quote = (match[2] ?? '').trim().replace(/^["“]|["”]$/gu, '');
    notes.set(key, [...(notes.get(key) ?? []), quote]);
    cut = i;
  }
  return { body: lines.slice(0, cut), notes };
}

/** Sentences, with a sentence made only of markers ("… truce. (1)") joined to the one before. */
function sentencesOf(body: string): string[] {
  const sentences: string[] = [];
  for (const sentence of splitSentences(body)) {
    if (stripMarkers(sentence) === '' && sentences.length > 0)
      sentences[sentences.length - 1] += ` ${sentence}`;
    else sentences.push(sentence);
  }
  return sentences;
}

/**
 * Splits a prose answer into claims by its sentences and markers, in every marker form models
 * write. A sentence's quotes are the text it puts in quotation marks and the footnote quotes
 * (`[1] "…"` lines at the end, or `citations` of the old form) of the sources it marks.
 */
export function readProse(
  text: string,
  cited: readonly { readonly ref?: SourceRef; readonly quote: string }[] = [],
): ProseReading {
  const { body, notes } = footnotes(text.split('\n'));
  for (const { ref, quote } of cited) {
    const key = ref ? `${ref.kind}:${ref.n}` : '?';
    notes.set(key, [...(notes.get(key) ?? []), quote]);
  }
  const claims: LooseClaim[] = [];
  const uncovered: string[] = [];
  for (const sentence of sentencesOf(canonicalMarkers(body.join('\n').replace(/\s*\n\s*/g, ' ')))) {
    const plain = stripMarkers(sentence);
    if (plain === '' || LEAD_IN.test(plain)) continue;
    if (NOT_COVERED.test(plain)) {
      uncovered.push(plain);
      continue;
    }
    const refs = findMarkers(sentence).flatMap((marker) => marker.refs);
    // Longer quoted text is evidence; a quoted name or phrase is only checked as the article's words.
    const inline = [...plain.matchAll(INLINE_QUOTE)]
      .map((match) => match[1] ?? match[2] ?? '')
      .filter((quote) => quote.split(/\s+/).length >= MIN_EVIDENCE_WORDS)
      .map((quote) => ({ ...(refs[0] && { ref: refs[0] }), quote }));
    const footnoted = refs.flatMap((ref) =>
      (notes.get(`${ref.kind}:${ref.n}`) ?? []).map((quote) => ({ ref, quote })),
    );
    claims.push({ text: sentence, quotes: [...footnoted, ...inline] });
  }
  return { claims, notCovered: uncovered.length > 0 ? uncovered.join(' ') : null };
}
