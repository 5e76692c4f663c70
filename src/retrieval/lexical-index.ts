import MiniSearch from 'minisearch';
import type { Article } from '../articles/types.js';
import { analyze, processTerm, tokenize } from '../text/analyzer.js';

/** A paragraph's BM25 score for a query, with the query terms it matched. */
export interface LexicalHit {
  readonly n: number;
  readonly score: number;
  readonly matched: readonly string[];
}

/** BM25 over one article's paragraphs. */
export interface ParagraphIndex {
  readonly article: Article;
  search(text: string): LexicalHit[];
  /** Inverse document frequency of an index term among this article's paragraphs. */
  idf(term: string): number;
}

// Prefix matches ("hack" finding "hackers") count, but less than exact ones.
const SEARCH_OPTIONS = {
  prefix: (term: string) => term.length >= 4,
  weights: { fuzzy: 0.2, prefix: 0.4 },
  combineWith: 'OR' as const,
};

/** Builds the BM25 index of one article's paragraphs (MiniSearch, stemmed, stop words dropped). */
export function createParagraphIndex(article: Article): ParagraphIndex {
  const search = new MiniSearch<{ n: number; text: string }>({
    idField: 'n',
    fields: ['text'],
    tokenize,
    processTerm,
    searchOptions: SEARCH_OPTIONS,
  });
  search.addAll(article.paragraphs.map(({ n, text }) => ({ n, text })));

  const documentFrequency = new Map<string, number>();
  for (const paragraph of article.paragraphs) {
    for (const term of new Set(analyze(paragraph.text))) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const total = article.paragraphs.length;

  return {
    article,
    search: (text) =>
      search.search(text).map((hit) => ({
        n: Number(hit.id),
        score: hit.score,
        matched: hit.queryTerms,
      })),
    idf(term) {
      const df = documentFrequency.get(term) ?? 0;
      return Math.log(1 + (total - df + 0.5) / (df + 0.5));
    },
  };
}
