/**
 * Reciprocal rank fusion: each ranking contributes 1 / (k + rank) for every item it ranks.
 * Robust to rankings whose scores live on different scales (BM25 and cosine similarity).
 */
export function reciprocalRankFusion<T>(rankings: readonly (readonly T[])[], k = 60): Map<T, number> {
  const fused = new Map<T, number>();
  for (const ranking of rankings) {
    ranking.forEach((item, index) => {
      fused.set(item, (fused.get(item) ?? 0) + 1 / (k + index + 1));
    });
  }
  return fused;
}

/** Cosine similarity of two vectors of equal length (arrays or typed arrays). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
