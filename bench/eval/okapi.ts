import { eng as englishStopWords } from 'stopword';

const STOP = new Set(englishStopWords);
const K1 = 1.2;
const B = 0.75;

const tokens = (text: string): string[] =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((token) => !STOP.has(token));

/**
 * Plain Okapi BM25 (k1 1.2, b 0.75; lower-cased words, English stop words dropped, no stemming,
 * no prefix or fuzzy matching): the baseline the engine's ranking is compared with.
 */
export function createOkapiBm25(texts: readonly string[]): (query: string) => number[] {
  const docs = texts.map((text) => {
    const counts = new Map<string, number>();
    for (const token of tokens(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
    return { counts, length: [...counts.values()].reduce((sum, count) => sum + count, 0) };
  });
  const average = docs.reduce((sum, doc) => sum + doc.length, 0) / Math.max(1, docs.length);
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of doc.counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = (term: string) => {
    const count = df.get(term) ?? 0;
    return Math.log(1 + (docs.length - count + 0.5) / (count + 0.5));
  };
  return (query) => {
    const terms = [...new Set(tokens(query))];
    const scored = docs.map((doc, index) => {
      let score = 0;
      for (const term of terms) {
        const tf = doc.counts.get(term) ?? 0;
        if (tf > 0) score += (idf(term) * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / average));
      }
      return { n: index + 1, score };
    });
    return scored
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score)
      .map((entry) => entry.n);
  };
}
