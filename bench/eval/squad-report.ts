import { fixed, percent, renderTable } from '../lib/table.js';
import type { CurvePoint } from './gate-curve.js';
import type { SquadReport } from './squad.js';

/** The gate's trade-off curve as a table. */
export function renderGateCurve(title: string, curve: readonly CurvePoint[]): string {
  return [
    `${title} (coverage threshold: answerable let through, unanswerable stopped):`,
    renderTable(
      ['threshold', 'answerable through', 'unanswerable stopped'],
      curve.map((point) => [
        fixed(point.threshold, 2),
        percent(point.passedAnswerable),
        percent(point.stoppedUnanswerable),
      ]),
    ),
  ].join('\n');
}

/** The SQuAD run as text. */
export function renderSquadReport(report: SquadReport): string {
  const row = (name: string, figures: SquadReport['engine']) => [
    name,
    percent(figures.recallAt1),
    percent(figures.recallAt3),
    fixed(figures.mrrAt10, 3),
  ];
  return [
    `== SQuAD 2.0 article: ${report.paragraphs} paragraphs, ${report.answerable} answerable and ${report.impossible} is_impossible questions, no model ==`,
    '',
    'Gold paragraph rank (answerable questions):',
    renderTable(
      ['ranking', 'R@1', 'R@3', 'MRR@10'],
      [row('storybot', report.engine), row('plain Okapi BM25', report.plainBm25)],
    ),
    '',
    `Extractive answer shows a gold answer text in at most two sentences: ${percent(report.extractiveHit)} of answerable questions (${percent(report.answerableDeclined)} declined; ${percent(report.atMostTwoSentences)} of answers within two sentences).`,
    `is_impossible questions stopped by the gate: ${percent(report.impossibleStopped)}; declined by the extractive answerer (gate or relevance floor): ${percent(report.impossibleDeclined)}.`,
    '',
    renderGateCurve('Gate trade-off on SQuAD', report.curve),
  ].join('\n');
}
