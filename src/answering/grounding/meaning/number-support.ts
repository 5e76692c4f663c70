import { readQuantities, type Quantity } from './quantities.js';

type Range = readonly [low: number, high: number];

/** The values a quantity allows: "more than 100" is (100, ∞), "about 30" is 27..33, "a third" 0.30..0.37. */
function rangeOf(q: Quantity, claimed: boolean, value = q.value): Range {
  const size = Math.abs(value);
  // A fraction word is round in a claim ("about a third" of 32%), exact in the article ("a quarter of a point").
  const margin =
    q.approximate && claimed ? (q.unit === '%' ? 0.035 : 0.1 * size) : Math.max(0.005 * size, 1e-9);
  const tiny = Math.max(1e-9 * size, 1e-12);
  switch (q.bound) {
    case 'about':
      return [value - Math.max(0.1 * size, margin), value + Math.max(0.1 * size, margin)];
    case 'nearly':
      return [value - Math.max(0.15 * size, margin), value + margin];
    case 'more':
      return [value + tiny, Infinity];
    case 'atLeast':
      return [value, Infinity];
    case 'less':
      return [-Infinity, value - tiny];
    case 'atMost':
      return [-Infinity, value];
    default:
      return [value - margin, value + margin];
  }
}

const within = (inner: Range, outer: Range) => inner[0] >= outer[0] - 1e-9 && inner[1] <= outer[1] + 1e-9;

/**
 * Whether one stated quantity supports a claimed one: every value the evidence allows is one the
 * claim allows ("more than 100" ← 116; "about a third" ← 32%; "nearly doubled" ← 1.9 times; but
 * "116" is not supported by "more than 100"). Units must agree; a bare number in a claim may also
 * match a number as written ("280" ← "$280bn").
 */
export function supports(evidence: Quantity, claim: Quantity): boolean {
  if (claim.unit !== undefined && claim.unit !== evidence.unit) return false;
  const claimed = rangeOf(claim, true);
  // Two round figures agree when the article's sits in the claim's range ("about a third" ← "about 32%").
  const round = evidence.bound === 'about' && (claim.bound === 'about' || claim.approximate);
  const stated = round ? ([evidence.value, evidence.value] as const) : rangeOf(evidence, false);
  if (within(stated, claimed)) return true;
  return (
    claim.unit === undefined &&
    evidence.unit !== undefined &&
    within(rangeOf(evidence, false, evidence.raw), claimed)
  );
}

/**
 * The claim's numbers that its evidence does not support. Each is compared with the numbers of
 * the same kind in its quotes first, and only when the quotes state none of that kind with the
 * rest of the quoted paragraphs (so "more than two years" is held to the quote's "more than a
 * year", not to another span the paragraph mentions).
 */
export function unsupportedQuantities(
  claim: string,
  quotes: readonly string[],
  paragraphs: readonly string[],
): Quantity[] {
  const inQuotes = quotes.flatMap((text) => readQuantities(text));
  const inParagraphs = paragraphs.flatMap((text) => readQuantities(text));
  return readQuantities(claim, false).filter((wanted) => {
    const sameKind = inQuotes.filter((q) => q.unit === wanted.unit);
    const pool = wanted.unit !== undefined && sameKind.length > 0 ? sameKind : [...inQuotes, ...inParagraphs];
    return !pool.some((evidence) => supports(evidence, wanted));
  });
}
