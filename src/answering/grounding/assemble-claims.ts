import type { Paragraph } from '../../articles/types.js';
import type { CheckedClaim, RemovalReason } from './grounding.js';
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

/** Why a claim was left out, said of one claim and of several (the note agrees with its count). */
const REASONS: Readonly<Record<RemovalReason, { readonly one: string; readonly many: string }>> = {
  'no-quote': { one: 'it quoted nothing from the article', many: 'they quoted nothing from the article' },
  'quote-not-found': {
    one: 'its quote is not in the article word for word',
    many: 'their quotes are not in the article word for word',
  },
  'quote-too-short': {
    one: 'its quote was too short to support it',
    many: 'their quotes were too short to support them',
  },
  misquoted: {
    one: 'words it put in quotation marks are not the article’s',
    many: 'words they put in quotation marks are not the article’s',
  },
  'unsupported-detail': {
    one: 'it named a detail (a name, number or date) its quotes don’t contain',
    many: 'they named details (names, numbers or dates) their quotes don’t contain',
  },
  'unsupported-words': {
    one: 'its quotes don’t say what it said',
    many: 'their quotes don’t say what they said',
  },
  'changed-number': {
    one: 'a number, date or time in it differs from its quotes',
    many: 'numbers, dates or times in them differ from their quotes',
  },
  'flipped-negation': {
    one: 'it turned a negation in its quotes around',
    many: 'they turned a negation in their quotes around',
  },
  'opposite-word': {
    one: 'it said the opposite of its quotes',
    many: 'they said the opposite of their quotes',
  },
  'swapped-name': {
    one: 'it put one name in place of another',
    many: 'they put one name in place of another',
  },
  'reversed-roles': {
    one: 'it turned around who did what to whom',
    many: 'they turned around who did what to whom',
  },
  'overstated-certainty': {
    one: 'it stated as fact what its quotes only report or hedge',
    many: 'they stated as fact what their quotes only report or hedge',
  },
  'widened-scope': {
    one: 'it said more (all, decided) than its quotes do',
    many: 'they said more (all, decided) than their quotes do',
  },
  'unsupported-cause': {
    one: 'it gave a cause its quotes don’t give',
    many: 'they gave a cause their quotes don’t give',
  },
  'model-check': {
    one: 'a second check found its quotes don’t support it',
    many: 'a second check found their quotes don’t support them',
  },
};

/** The removal as data: a count and the distinct reasons, each as said of one claim. */
export function describeRemovals(reasons: readonly RemovalReason[]): { count: number; reasons: string[] } {
  return { count: reasons.length, reasons: [...new Set(reasons.map((reason) => REASONS[reason].one))] };
}

/**
 * One truthful line about removed claims, agreeing in number with what it counts ("1 claim was left
 * out because its quote…", "2 claims were left out because their quotes…", "3 claims were left out:
 * 2 because their quotes…; 1 because it quoted…"); undefined when nothing was removed.
 */
export function removalNote(reasons: readonly RemovalReason[]): string | undefined {
  if (reasons.length === 0) return undefined;
  const counts = new Map<RemovalReason, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const said = (reason: RemovalReason, count: number) => REASONS[reason][count === 1 ? 'one' : 'many'];
  const what = reasons.length === 1 ? '1 claim was left out' : `${reasons.length} claims were left out`;
  const only = counts.size === 1 ? [...counts][0] : undefined;
  if (only) return `${what} because ${said(...only)}.`;
  return `${what}: ${[...counts].map(([reason, count]) => `${count} because ${said(reason, count)}`).join('; ')}.`;
}
