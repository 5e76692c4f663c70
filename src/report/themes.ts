import { processTerm, tokenize } from '../text/analyzer.js';

/** Declined questions that share a content word. */
export interface Theme {
  /** The shared words, as readers wrote them (e.g. "victims, companies"). */
  readonly label: string;
  readonly count: number;
  readonly examples: readonly string[];
}

interface Item {
  readonly question: string;
  readonly terms: ReadonlySet<string>;
}

/**
 * Groups questions into themes by shared content words (stemmed, stop words and question
 * framing removed), with no model: repeatedly takes the word shared by the most remaining
 * questions (at least two) as a theme, labelled with a second word most of them share too.
 * Questions sharing nothing end in one "other" group.
 */
export function groupThemes(questions: readonly string[], maxExamples = 3): Theme[] {
  const surface = new Map<string, Map<string, number>>();
  let rest: Item[] = questions.map((question) => ({ question, terms: termsOf(question, surface) }));
  const themes: Theme[] = [];
  for (;;) {
    const [top, count] = mostShared(rest, new Set());
    if (!top || count < 2) break;
    const members = rest.filter((item) => item.terms.has(top));
    const [second, secondCount] = mostShared(members, new Set([top]));
    const words = [top, ...(second && secondCount >= 2 && secondCount * 2 >= members.length ? [second] : [])];
    themes.push({
      label: words.map((word) => spelling(word, surface)).join(', '),
      count: members.length,
      examples: distinct(members, maxExamples),
    });
    rest = rest.filter((item) => !item.terms.has(top));
  }
  if (rest.length > 0)
    themes.push({
      label: 'other',
      count: rest.length,
      examples: distinct(rest, maxExamples),
    });
  return themes;
}

/** The first `max` different questions (the same question asked twice is shown once). */
function distinct(items: readonly Item[], max: number): string[] {
  return [...new Set(items.map((item) => item.question))].slice(0, max);
}

function termsOf(question: string, surface: Map<string, Map<string, number>>): Set<string> {
  const terms = new Set<string>();
  for (const token of tokenize(question)) {
    const term = processTerm(token);
    if (!term || term.length < 3 || /^\d+$/.test(term)) continue;
    terms.add(term);
    const spellings = surface.get(term) ?? new Map<string, number>();
    spellings.set(token.toLowerCase(), (spellings.get(token.toLowerCase()) ?? 0) + 1);
    surface.set(term, spellings);
  }
  return terms;
}

/** The term in the most items (ties: alphabetical, for a stable report). */
function mostShared(items: readonly Item[], skip: ReadonlySet<string>): [string | undefined, number] {
  const counts = new Map<string, number>();
  for (const item of items)
    for (const term of item.terms) if (!skip.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
  let best: [string | undefined, number] = [undefined, 0];
  for (const [term, count] of counts)
    if (count > best[1] || (count === best[1] && best[0] !== undefined && term < best[0]))
      best = [term, count];
  return best;
}

function spelling(term: string, surface: Map<string, Map<string, number>>): string {
  const spellings = [...(surface.get(term) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
  return spellings[0]?.[0] ?? term;
}
