import { percent, renderTable, type Cell } from '../lib/table.js';
import type { ReaderFigures } from './reader-eval.js';
import type { SquadReport } from './squad.js';

const points = (a: number | null | undefined, b: number | null | undefined): string =>
  a === null || a === undefined || b === null || b === undefined
    ? '–'
    : `${((a - b) * 100 >= 0 ? '+' : '') + ((a - b) * 100).toFixed(1)}`;

/** Reader sets, one column per half, with the issue's aims beside them. */
export function renderReaderReport(halves: Readonly<Record<string, ReaderFigures | undefined>>): string {
  const names = Object.keys(halves);
  const row = (label: string, aim: string, value: (figures: ReaderFigures) => Cell): Cell[] => [
    label,
    aim,
    ...names.map((name) => {
      const figures = halves[name];
      return figures ? value(figures) : '–';
    }),
  ];
  return renderTable(
    ['reader questions (no model unless said)', 'aim', ...names],
    [
      row('questions (answerable)', '', (f) => `${f.questions} (${f.answerable})`),
      row('answer holds a gold span, ≤ 2 sentences', '≥ 85%', (f) => percent(f.answerHit)),
      row('unanswerable declined or "doesn\'t say"', '≥ 90%', (f) => percent(f.unanswerableHandled)),
      row('answerable declined', '≤ 3%', (f) => percent(f.answerableDeclined)),
      row('answerable answered "doesn\'t say" (misleading)', 'low', (f) => percent(f.answerableSaidMissing)),
      row('greetings, thanks, meta, summaries', '100%', (f) => percent(f.social)),
      ...['greeting', 'thanks', 'meta', 'summary', 'clarify'].map((expect) =>
        row(`  ${expect}`, '', (f) => {
          const entry = f.byExpect[expect];
          return entry ? `${percent(entry.right)} of ${entry.n}` : '–';
        }),
      ),
      row('fake model: answerable stopped before it', '≤ 1%', (f) => percent(f.stoppedBeforeModel)),
      row('paragraph R@1 (storybot)', 'BM25 + 4', (f) => percent(f.engine.recallAt1)),
      row('paragraph R@1 (plain Okapi BM25)', '', (f) => percent(f.okapi.recallAt1)),
      row('  difference (points)', '≥ +4', (f) => points(f.engine.recallAt1, f.okapi.recallAt1)),
      row('paragraph R@3 (storybot)', '≥ BM25', (f) => percent(f.engine.recallAt3)),
      row('paragraph R@3 (plain Okapi BM25)', '', (f) => percent(f.okapi.recallAt3)),
      row('  difference (points)', '≥ 0', (f) => points(f.engine.recallAt3, f.okapi.recallAt3)),
    ],
  );
}

/** SQuAD halves side by side. */
export function renderSquadHalves(halves: Readonly<Record<string, SquadReport | undefined>>): string {
  const names = Object.keys(halves);
  const row = (label: string, value: (report: SquadReport) => Cell): Cell[] => [
    label,
    ...names.map((name) => {
      const report = halves[name];
      return report ? value(report) : '–';
    }),
  ];
  return renderTable(
    ['SQuAD 2.0 article (no model)', ...names],
    [
      row('questions (answerable / impossible)', (r) => `${r.answerable} / ${r.impossible}`),
      row('R@1 storybot', (r) => percent(r.engine.recallAt1)),
      row('R@1 plain Okapi BM25', (r) => percent(r.plainBm25.recallAt1)),
      row('  difference (points, aim ≥ +4)', (r) => points(r.engine.recallAt1, r.plainBm25.recallAt1)),
      row('R@3 storybot', (r) => percent(r.engine.recallAt3)),
      row('R@3 plain Okapi BM25', (r) => percent(r.plainBm25.recallAt3)),
      row('  difference (points, aim ≥ 0)', (r) => points(r.engine.recallAt3, r.plainBm25.recallAt3)),
      row('extractive answer shows gold text', (r) => percent(r.extractiveHit)),
      row('answerable declined', (r) => percent(r.answerableDeclined)),
      row('impossible declined', (r) => percent(r.impossibleDeclined)),
    ],
  );
}

/** The questions a half got wrong, one line each, grouped by what was expected (for tuning on dev). */
export function renderMisses(figures: ReaderFigures): string {
  return figures.lines
    .filter((line) => !line.right)
    .sort((a, b) => a.expect.localeCompare(b.expect))
    .map(
      (line) =>
        `[${line.expect}${line.type ? `/${line.type}` : ''}] ${line.id} ${line.story}: ${line.question}\n    → ${line.intent} ${line.declined ? 'DECLINED' : ''} gold ${line.gold.join(',')} ranked ${line.ranked.slice(0, 3).join(',')} okapi ${line.okapi.slice(0, 3).join(',')}: ${line.shown.replace(/\s+/g, ' ').slice(0, 220)}`,
    )
    .join('\n');
}
