import type { Article, Paragraph } from '../articles/types.js';
import type { Citation, Passage } from '../domain/types.js';
import { splitSentences } from './sentences.js';
import { locateQuote } from './verify-quote.js';

/** A citation as the model gave it: a passage number and a quote from it. */
export interface ModelCitation {
  readonly source: number;
  readonly quote: string;
}

/** The answer after every quote was checked against the article. */
export interface GroundedAnswer {
  readonly text: string;
  readonly citations: Citation[];
  /** Quotes that were not in the article and so were not shown. */
  readonly dropped: number;
  /** Sentences removed because they rested only on dropped quotes. */
  readonly removedSentences: number;
}

const MARKERS = /\s*\[(\d+(?:\s*,\s*\d+)*)\]/g;

interface Located {
  readonly source: number;
  readonly paragraph: Paragraph;
  readonly quote: string;
}

/** Looks for a quote in the cited passage, then the other passages, then the rest of the article. */
function locate(
  citation: ModelCitation,
  passages: readonly Passage[],
  article: Article,
): Located | undefined {
  const cited = passages[citation.source - 1]?.paragraph;
  const others = [...passages.map((passage) => passage.paragraph), ...article.paragraphs];
  for (const paragraph of cited ? [cited, ...others] : others) {
    if (paragraph.articleId !== article.id) continue;
    const quote = locateQuote(paragraph, citation.quote);
    if (quote) return { source: citation.source, paragraph, quote };
  }
  return undefined;
}

/**
 * Verifies the model's citations and rewrites its answer to match: quotes not in the article are
 * dropped, quotes found in another paragraph are re-attributed, sentences resting only on
 * dropped quotes are removed, and markers are renumbered 1..m in order of first use.
 */
export function groundAnswer(
  answer: string,
  citations: readonly ModelCitation[],
  passages: readonly Passage[],
  article: Article,
): GroundedAnswer {
  const located = citations.map((citation) => locate(citation, passages, article));
  const kept = located.filter((entry): entry is Located => entry !== undefined);
  const targets = new Map<number, Paragraph[]>();
  for (const { source, paragraph } of kept) {
    const list = targets.get(source) ?? [];
    if (!list.includes(paragraph)) list.push(paragraph);
    targets.set(source, list);
  }

  const numbers = new Map<Paragraph, number>();
  const numberOf = (paragraph: Paragraph) => {
    if (!numbers.has(paragraph)) numbers.set(paragraph, numbers.size + 1);
    return numbers.get(paragraph) ?? 0;
  };
  let removedSentences = 0;
  const sentences = splitSentences(answer).flatMap((sentence) => {
    let hadMarker = false;
    let keptMarker = false;
    const rewritten = sentence.replace(MARKERS, (_whole, list: string) => {
      hadMarker = true;
      const paragraphs = [...new Set(list.split(',').flatMap((n) => targets.get(Number(n)) ?? []))];
      if (paragraphs.length > 0) keptMarker = true;
      return paragraphs.map((paragraph) => ` [${numberOf(paragraph)}]`).join('');
    });
    if (hadMarker && !keptMarker) {
      removedSentences += 1;
      return [];
    }
    return [rewritten.trim()];
  });

  for (const { paragraph } of kept) numberOf(paragraph);
  const seen = new Set<string>();
  const grounded: Citation[] = [];
  for (const { paragraph, quote } of kept) {
    const key = `${paragraph.n}\u0000${quote}`;
    if (seen.has(key)) continue;
    seen.add(key);
    grounded.push({
      n: numberOf(paragraph),
      articleId: paragraph.articleId,
      paragraph: paragraph.n,
      quote,
      verified: true,
    });
  }
  grounded.sort((a, b) => a.n - b.n);
  return {
    text: sentences.join(' '),
    citations: grounded,
    dropped: located.length - kept.length,
    removedSentences,
  };
}
