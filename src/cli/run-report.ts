import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Client } from '@libsql/client';
import { collectReport } from '../report/collect-report.js';
import { renderReportHtml } from '../report/render-html.js';
import { renderReportText } from '../report/render-text.js';

export interface ReportDeps {
  readonly client: Client;
  /** Story titles by id, for headings. */
  readonly titles: ReadonlyMap<string, string>;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly now?: () => Date;
}

export const REPORT_USAGE = `Usage:
  storybot report [--story ID] [--since 7d] [--html FILE]
    --since   how far back: 24h, 7d (default), 4w, or a date such as 2026-11-01
    --html    also write the report as one self-contained HTML file with charts`;

/** Reads `--since`: a duration (h, d, w) back from now, or a date. */
export function parseSince(value: string, now: Date): Date {
  const duration = /^(\d+)\s*([hdw])$/i.exec(value.trim());
  if (duration) {
    const hours = { h: 1, d: 24, w: 168 }[(duration[2] ?? 'd').toLowerCase() as 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(duration[1]) * hours * 3_600_000);
  }
  const date = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw new Error(`--since must be like 24h, 7d, 4w or a date (YYYY-MM-DD), not "${value}".`);
  return date;
}

/** `storybot report`: what readers asked, per story. Exit codes: 0 printed, 2 bad usage. */
export async function runReport(argv: readonly string[], deps: ReportDeps): Promise<0 | 2> {
  const now = (deps.now ?? (() => new Date()))();
  let options: { since: Date; story?: string; html?: string };
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        story: { type: 'string' },
        since: { type: 'string', default: '7d' },
        html: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      deps.stdout.write(`${REPORT_USAGE}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new Error(`Unexpected argument "${positionals[0] ?? ''}".`);
    options = {
      since: parseSince(values.since, now),
      ...(values.story && { story: values.story }),
      ...(values.html && { html: values.html }),
    };
  } catch (error) {
    deps.stderr.write(`${(error as Error).message}\n\n${REPORT_USAGE}\n`);
    return 2;
  }
  const report = await collectReport(deps.client, { ...options, until: now, titles: deps.titles });
  deps.stdout.write(renderReportText(report));
  if (options.html) {
    await writeFile(options.html, renderReportHtml(report), 'utf8');
    deps.stdout.write(`\nHTML report written to ${options.html}\n`);
  }
  return 0;
}
