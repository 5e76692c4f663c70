import type { FormFigures } from './messy.js';

const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);
const sumOf = (rows: readonly FormFigures[], pick: (row: FormFigures) => number) =>
  rows.reduce((total, row) => total + pick(row), 0);
const count = (record: Readonly<Record<string, number>>) => Object.values(record).reduce((a, b) => a + b, 0);

function merge(records: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const record of records)
    for (const [key, value] of Object.entries(record)) merged[key] = (merged[key] ?? 0) + value;
  return merged;
}

/** The per-form table and the totals of the messy-model evaluation, as Markdown. */
export function renderMessyReport(rows: readonly FormFigures[]): string {
  const lines = [
    '| form | kept as model answers | honest claims shown | invented claims shown | quotes verbatim | claims removed (honest / with invention) |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.form} | ${row.keptAsModel}/${row.honest} | ${row.honestClaimsShown}/${row.honestClaims} | ${row.inventedShown}/${row.invented} | ${row.quotesVerbatim}/${row.quotes} | ${count(row.removedHonest)} / ${count(row.removedInvented)} |`,
    );
  }
  const total = (pick: (row: FormFigures) => number) => sumOf(rows, pick);
  lines.push(
    `| **all ${rows.length} forms** | **${total((r) => r.keptAsModel)}/${total((r) => r.honest)} (${pct(
      total((r) => r.keptAsModel),
      total((r) => r.honest),
    )})** | ${total((r) => r.honestClaimsShown)}/${total((r) => r.honestClaims)} (${pct(
      total((r) => r.honestClaimsShown),
      total((r) => r.honestClaims),
    )}) | **${total((r) => r.inventedShown)}/${total((r) => r.invented)}** | ${total((r) => r.quotesVerbatim)}/${total((r) => r.quotes)} | ${total((r) => count(r.removedHonest))} / ${total((r) => count(r.removedInvented))} |`,
  );
  const kinds: Record<string, { slipped: number; shown: number }> = {};
  for (const row of rows)
    for (const [kind, figures] of Object.entries(row.byKind)) {
      const entry = (kinds[kind] ??= { slipped: 0, shown: 0 });
      entry.slipped += figures.slipped;
      entry.shown += figures.shown;
    }
  lines.push('', '| invented claim | slipped into true answers | shown to a reader |', '|---|---|---|');
  for (const [kind, figures] of Object.entries(kinds).sort())
    lines.push(`| ${kind} | ${figures.slipped} | ${figures.shown} |`);
  const honest = merge(rows.map((row) => row.removedHonest));
  const invented = merge(rows.map((row) => row.removedInvented));
  lines.push(
    '',
    '| removal reason | in honest answers (wrongly) | in answers with an invention |',
    '|---|---|---|',
  );
  for (const reason of [...new Set([...Object.keys(honest), ...Object.keys(invented)])].sort())
    lines.push(`| ${reason} | ${honest[reason] ?? 0} | ${invented[reason] ?? 0} |`);
  const unanswerable = total((r) => r.unanswerable);
  lines.push(
    '',
    `Unanswerable questions that passed the evidence gate: ${unanswerable}; the fake model declined ${total((r) => r.modelDeclined)} of them, and readers were told the article doesn't say for ${total((r) => r.declined)} (${pct(
      total((r) => r.declined),
      unanswerable,
    )}).`,
  );
  return lines.join('\n');
}
