/** A cell: text, a number, or nothing (shown as "–"). */
export type Cell = string | number | null | undefined;

const show = (cell: Cell): string => {
  if (cell === null || cell === undefined || (typeof cell === 'number' && Number.isNaN(cell))) return '–';
  return String(cell);
};

/** Renders rows as an aligned plain-text table with a header rule. Numbers align right. */
export function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const texts = [header.map(show), ...rows.map((row) => row.map(show))];
  const widths = header.map((_, column) => Math.max(...texts.map((row) => (row[column] ?? '').length)));
  const numeric = header.map((_, column) => rows.every((row) => typeof row[column] !== 'string'));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const [head = [], ...body] = texts;
  return [line(head), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

/** A share as a percentage with one decimal ("97.5%"), or "–". */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** A number with fixed decimals, or "–". */
export function fixed(value: number | null | undefined, decimals = 2): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(decimals);
}
