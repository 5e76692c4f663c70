/** Share of the gold paragraphs found among the first k ranked (0 when there is no gold). */
export function recallAt(ranked: readonly number[], gold: readonly number[], k: number): number {
  if (gold.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return gold.filter((n) => top.has(n)).length / gold.length;
}

/** 1 when any gold paragraph is among the first k ranked, else 0. */
export function hitAt(ranked: readonly number[], gold: readonly number[], k: number): number {
  return ranked.slice(0, k).some((n) => gold.includes(n)) ? 1 : 0;
}

/** Reciprocal rank of the first gold paragraph within the first k (0 when none is there). */
export function reciprocalRankAt(ranked: readonly number[], gold: readonly number[], k: number): number {
  const index = ranked.slice(0, k).findIndex((n) => gold.includes(n));
  return index < 0 ? 0 : 1 / (index + 1);
}

const spaces = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Whether a shown quote is a piece of a sent quote (verification may trim its edges). */
export function quoteCovers(sent: string, shown: string): boolean {
  const piece = spaces(shown);
  return piece !== '' && spaces(sent).includes(piece);
}
