import { eng as englishStopWords } from 'stopword';
import type { Article } from '../articles/types.js';
import { analyze } from '../text/analyzer.js';

/** A paragraph's BM25 score for a query, with the query terms it matched. */
export interface LexicalHit {
  readonly n: number;
  readonly score: number;
  /** The query's index terms (stems) this paragraph holds. */
  readonly matched: readonly string[];
}

/** BM25 over one article's paragraphs. */
export interface ParagraphIndex {
  readonly article: Article;
  search(text: string): LexicalHit[];
  /** Inverse document frequency of an index term among this article's paragraphs. */
  idf(term: string): number;
  /** Whether paragraph ¶n holds this exact index term (no prefix or fuzzy match). */
  holds(n: number, term: string): boolean;
  /** Whether any paragraph holds this index term. */
  knows(term: string): boolean;
}

const K1 = 1.2;
const B = 0.75;
const STOP = new Set(englishStopWords);

// Three views of the same words, summed: the exact word is the strongest evidence, its stem
// ("hackers" → "hacker") half as strong, and two stems in a row (a phrase) half as strong again.
// On the SQuAD article stems alone rank worse than exact words (they merge "complexity" and
// "complex"); together, with phrases, they rank better than either (bench/RESULTS.md).
const VIEWS = [
  {
    weight: 1,
    terms: (text: string) =>
      (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !STOP.has(word)),
  },
  { weight: 0.5, terms: analyze },
  {
    weight: 0.5,
    terms: (text: string) => {
      const stems = analyze(text);
      return stems.slice(1).map((stem, index) => `${stems[index] ?? ''} ${stem}`);
    },
  },
] as const;

interface View {
  readonly weight: number;
  readonly terms: (text: string) => string[];
  readonly counts: readonly Map<string, number>[];
  readonly lengths: readonly number[];
  readonly average: number;
  readonly df: Map<string, number>;
}

function buildView(texts: readonly string[], spec: (typeof VIEWS)[number]): View {
  const counts = texts.map((text) => {
    const map = new Map<string, number>();
    for (const term of spec.terms(text)) map.set(term, (map.get(term) ?? 0) + 1);
    return map;
  });
  const lengths = counts.map((map) => [...map.values()].reduce((sum, count) => sum + count, 0));
  const df = new Map<string, number>();
  for (const map of counts) for (const term of map.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const average = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, lengths.length) || 1;
  return { weight: spec.weight, terms: spec.terms, counts, lengths, average, df };
}

const idfOf = (total: number, df: number) => Math.log(1 + (total - df + 0.5) / (df + 0.5));

/** Builds the BM25 index of one article's paragraphs (exact words, stems and stem pairs). */
export function createParagraphIndex(article: Article): ParagraphIndex {
  const texts = article.paragraphs.map((paragraph) => paragraph.text);
  const views = VIEWS.map((spec) => buildView(texts, spec));
  const total = texts.length;
  const stems = views[1];
  if (!stems) throw new Error('the stem view is missing');

  const scoreView = (view: View, text: string, scores: Float64Array) => {
    for (const term of new Set(view.terms(text))) {
      const df = view.df.get(term);
      if (df === undefined) continue;
      const idf = idfOf(total, df);
      view.counts.forEach((map, index) => {
        const tf = map.get(term) ?? 0;
        if (tf === 0) return;
        const norm = K1 * (1 - B + (B * (view.lengths[index] ?? 0)) / view.average);
        scores[index] = (scores[index] ?? 0) + (view.weight * idf * tf * (K1 + 1)) / (tf + norm);
      });
    }
  };

  return {
    article,
    search(text) {
      const scores = new Float64Array(total);
      for (const view of views) scoreView(view, text, scores);
      const queryStems = [...new Set(analyze(text))];
      const hits: LexicalHit[] = [];
      scores.forEach((score, index) => {
        if (score <= 0) return;
        const matched = queryStems.filter((term) => stems.counts[index]?.has(term));
        hits.push({ n: index + 1, score, matched });
      });
      return hits.sort((a, b) => b.score - a.score);
    },
    idf: (term) => idfOf(total, stems.df.get(term) ?? 0),
    holds: (n, term) => stems.counts[n - 1]?.has(term) ?? false,
    knows: (term) => stems.df.has(term),
  };
}
