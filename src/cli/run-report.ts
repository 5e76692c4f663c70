import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Client } from '@libsql/client';
import { collectReport } from '../report/collect-report.js';
import { renderReportHtml } from '../report/render-html.js';
import { renderReportText } from '../report/render-text.js';
import { unknownStory } from './run-remove.js';

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
  if (date.getTime() > now.getTime())
    throw new Error(`--since ${value} is in the future (today is ${now.toISOString().slice(0, 10)} UTC).`);
  return date;
}

/**
 * `storybot report`: what readers asked, per story. Exit codes: 0 printed, 1 the HTML file could
 * not be written (the reason is printed), 2 bad usage or an unknown story (the ids are listed).
 */
export async function runReport(argv: readonly string[], deps: ReportDeps): Promise<0 | 1 | 2> {
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
  if (options.story !== undefined && !deps.titles.has(options.story)) {
    const known = [...deps.titles].map(([id, title]) => ({ id, title }));
    deps.stderr.write(`${unknownStory(options.story, known)}\n`);
    return 2;
  }
  const report = await collectReport(deps.client, { ...options, until: now, titles: deps.titles });
  deps.stdout.write(renderReportText(report));
  if (options.html) {
    try {
      await writeFile(options.html, renderReportHtml(report), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      deps.stderr.write(
        `\nThe HTML report could not be written to ${options.html} (${code}${hintOf(code)}).\n`,
      );
      return 1;
    }
    deps.stdout.write(`\nHTML report written to ${options.html}\n`);
  }
  return 0;
}

function hintOf(code: string): string {
  if (code === 'ENOENT') return ': its folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return ': no permission to write there';
  if (code === 'EISDIR') return ': that is a folder';
  return '';
}
