import { share } from '../lib/stats.js';

/** One threshold of the gate's coverage: answerable questions let through against the rest stopped. */
export interface CurvePoint {
  readonly threshold: number;
  readonly passedAnswerable: number | null;
  readonly stoppedUnanswerable: number | null;
}

/** Thresholds the curve is drawn at. */
export const THRESHOLDS = [0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7] as const;

/**
 * The trade-off curve of the evidence gate: for each coverage threshold, the share of answerable
 * questions it lets through and of unanswerable ones it stops (a question with no exact evidence
 * at all is always stopped).
 */
export function gateCurve(rows: readonly { answerable: boolean; coverage: number }[]): CurvePoint[] {
  const answerable = rows.filter((row) => row.answerable);
  const rest = rows.filter((row) => !row.answerable);
  const passes = (coverage: number, threshold: number) => coverage > 0 && coverage >= threshold;
  return THRESHOLDS.map((threshold) => ({
    threshold,
    passedAnswerable: share(
      answerable.filter((row) => passes(row.coverage, threshold)).length,
      answerable.length,
    ),
    stoppedUnanswerable: share(rest.filter((row) => !passes(row.coverage, threshold)).length, rest.length),
  }));
}
