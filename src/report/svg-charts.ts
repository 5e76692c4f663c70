import type { DayCount } from './collect-report.js';
import type { Theme } from './themes.js';

/** Escapes text for HTML and SVG. */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export const COLORS = { answered: '#2f7d4f', declined: '#d08a12', failed: '#b3261e' } as const;
const KINDS = ['answered', 'declined', 'failed'] as const;

const svg = (name: string, title: string, width: number, height: number, body: string) =>
  `<svg class="chart chart-${name}" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title>${escapeHtml(title)}</title>${body}</svg>`;

const text = (x: number, y: number, content: string, extra = '') =>
  `<text x="${x}" y="${y}" font-size="11" fill="#444"${extra}>${escapeHtml(content)}</text>`;

/** Questions per day as stacked bars: answered, declined, failed. */
export function perDayChart(days: readonly DayCount[]): string {
  const width = 640;
  const height = 200;
  const left = 34;
  const bottom = 24;
  const plot = height - bottom - 10;
  const max = Math.max(1, ...days.map((day) => day.answered + day.declined + day.failed));
  const step = (width - left - 6) / Math.max(1, days.length);
  const barWidth = Math.max(2, step * 0.7);
  const labelEvery = Math.ceil(days.length / 10);
  const bars = days.map((day, index) => {
    const x = left + index * step + (step - barWidth) / 2;
    let y = height - bottom;
    const parts = KINDS.map((kind) => {
      const h = (day[kind] / max) * plot;
      y -= h;
      return h > 0
        ? `<rect class="bar bar-${kind}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[kind]}"><title>${day.day}: ${day[kind]} ${kind}</title></rect>`
        : '';
    });
    const label = index % labelEvery === 0 ? text(x, height - 8, day.day.slice(5)) : '';
    return parts.join('') + label;
  });
  const axis = `<line x1="${left}" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" stroke="#999"/>${text(4, 16, String(max))}${text(4, height - bottom, '0')}`;
  return svg(
    'per-day',
    'Questions per day: answered, declined and failed',
    width,
    height,
    axis + bars.join(''),
  );
}

/** One horizontal bar split into answered, declined and failed shares. */
export function outcomeChart(totals: Omit<DayCount, 'day'>): string {
  const width = 640;
  const total = Math.max(1, totals.answered + totals.declined + totals.failed);
  let x = 0;
  const parts = KINDS.map((kind) => {
    const w = (totals[kind] / total) * width;
    const part = `<rect class="bar bar-${kind}" x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="26" fill="${COLORS[kind]}"><title>${totals[kind]} ${kind}</title></rect>`;
    x += w;
    return part;
  });
  const legend = KINDS.map(
    (kind, index) =>
      `<rect x="${index * 150}" y="36" width="10" height="10" fill="${COLORS[kind]}"/>${text(index * 150 + 14, 45, `${kind} ${totals[kind]}`)}`,
  );
  return svg(
    'outcomes',
    'Answered, declined and failed questions',
    width,
    52,
    parts.join('') + legend.join(''),
  );
}

/** The top themes of unanswered questions as horizontal bars. */
export function themeChart(themes: readonly Theme[]): string {
  const shown = themes.slice(0, 8);
  const width = 640;
  const row = 22;
  const labelWidth = 220;
  const max = Math.max(1, ...shown.map((theme) => theme.count));
  const bars = shown.map((theme, index) => {
    const y = index * row;
    const w = (theme.count / max) * (width - labelWidth - 40);
    return `${text(0, y + 14, theme.label.slice(0, 34))}<rect class="bar bar-theme" x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" fill="${COLORS.declined}"/>${text(labelWidth + w + 6, y + 14, String(theme.count))}`;
  });
  return svg(
    'themes',
    'Top themes of questions the story did not answer',
    width,
    Math.max(row, shown.length * row),
    bars.join(''),
  );
}
