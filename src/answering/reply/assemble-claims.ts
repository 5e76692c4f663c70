import type { Paragraph } from '../../articles/types.js';
import type { CheckedClaim, RemovalReason } from '../grounding/grounding.js';
import type { Citation, ShownClaim } from '../../domain/types.js';

/** Numbers sources in order of first use and places each claim's markers: right by construction. */
export interface SourceNumbering {
  /** The claim as shown, with its markers and numbered citations. */
  show(claim: CheckedClaim): ShownClaim;
  /** Every citation shown so far, sorted by number, each quote once. */
  citations(): Citation[];
}

/** Puts the markers before the sentence's final full stop (or at the end). */
function withMarkers(text: string, numbers: readonly number[]): string {
  const markers = numbers.map((n) => `[${n}]`).join('');
  const end = /([.!?])$/u.exec(text);
  return end ? `${text.slice(0, -1)} ${markers}${end[1] ?? ''}` : `${text} ${markers}`;
}

/** Creates the numbering for one answer; streamed claims keep their numbers in the final answer. */
export function createSourceNumbering(): SourceNumbering {
  const numbers = new Map<Paragraph, number>();
  const shown = new Map<string, Citation>();
  const numberOf = (paragraph: Paragraph) => {
    const known = numbers.get(paragraph);
    if (known !== undefined) return known;
    numbers.set(paragraph, numbers.size + 1);
    return numbers.size;
  };
  return {
    show(claim) {
      const citations: Citation[] = [];
      for (const { paragraph, text } of claim.quotes) {
        const key = `${paragraph.articleId}\u0000${paragraph.n}\u0000${text}`;
        const citation = shown.get(key) ?? {
          n: numberOf(paragraph),
          articleId: paragraph.articleId,
          paragraph: paragraph.n,
          quote: text,
          verified: true as const,
        };
        shown.set(key, citation);
        if (!citations.includes(citation)) citations.push(citation);
      }
      const markers = [...new Set(citations.map((citation) => citation.n))].sort((a, b) => a - b);
      return { text: withMarkers(claim.text, markers), citations };
    },
    citations: () => [...shown.values()].sort((a, b) => a.n - b.n),
  };
}

const REASONS: Readonly<Record<RemovalReason, string>> = {
  'no-quote': 'it quoted nothing from the article',
  'quote-not-found': 'its quote is not in the article word for word',
  'quote-too-short': 'its quote was too short to support it',
  misquoted: 'words it put in quotation marks are not the article’s',
  'unsupported-detail': 'it named a detail (a name, number or date) its quotes don’t contain',
  'unsupported-words': 'its quotes don’t say what it said',
  'changed-number': 'a number, date or time in it differs from its quotes',
  'flipped-negation': 'it turned a negation in its quotes around',
  'opposite-word': 'it said the opposite of its quotes',
  'swapped-name': 'it put one name in place of another',
  'reversed-roles': 'it turned around who did what to whom',
  'overstated-certainty': 'it stated as fact what its quotes only report or hedge',
  'widened-scope': 'it said more (all, decided) than its quotes do',
  'unsupported-cause': 'it gave a cause its quotes don’t give',
  'model-check': 'a second check found its quotes don’t support it',
};

/** The removal as the reader sees it: a count and the distinct reasons. */
export function describeRemovals(reasons: readonly RemovalReason[]): { count: number; reasons: string[] } {
  return { count: reasons.length, reasons: [...new Set(reasons.map((reason) => REASONS[reason]))] };
}

/** One truthful line about removed claims; undefined when nothing was removed. */
export function removalNote(removed: { count: number; reasons: readonly string[] }): string | undefined {
  if (removed.count === 0) return undefined;
  const what = removed.count === 1 ? '1 claim was left out' : `${removed.count} claims were left out`;
  const why =
    removed.reasons.length === 1 ? ` because ${removed.reasons[0]}` : `: ${removed.reasons.join('; ')}`;
  return `${what}${why}.`;
}
