import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Article } from '../articles/types.js';
import type { StoryRecord } from '../storage/story-store.js';

/** Who added a story when the records don't say: it was put in the data folder by hand (or shipped). */
export const ADDED_BY_HAND = 'data folder';

export interface ListDeps {
  readonly articles: readonly Article[];
  /** What the records database knows about added stories (who added them). */
  readonly records: readonly StoryRecord[];
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export const LIST_USAGE = `Usage:
  storybot list [--json]   the loaded stories: id, title, source, paragraphs, who added it`;

/** One row of `storybot list`. */
export interface StoryRow {
  readonly id: string;
  readonly title: string;
  readonly source: string | null;
  readonly paragraphs: number;
  readonly addedBy: string;
}

/** The rows of the story list, in id order. */
export function storyRows(articles: readonly Article[], records: readonly StoryRecord[]): StoryRow[] {
  const addedBy = new Map(records.map((record) => [record.id, record.addedBy]));
  return [...articles]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((article) => ({
      id: article.id,
      title: article.title,
      source: article.source ?? (article.url ? new URL(article.url).hostname : null),
      paragraphs: article.paragraphs.length,
      addedBy: addedBy.get(article.id) ?? ADDED_BY_HAND,
    }));
}

/** `storybot list`: the stories a running storybot answers about. Exit codes: 0 listed, 2 bad usage. */
export function runList(argv: readonly string[], deps: ListDeps): 0 | 2 {
  let json: boolean;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) return write(deps.stdout, LIST_USAGE, 0);
    json = values.json === true;
  } catch (error) {
    return write(deps.stderr, `${(error as Error).message}\n\n${LIST_USAGE}`, 2);
  }
  const rows = storyRows(deps.articles, deps.records);
  if (json) return write(deps.stdout, JSON.stringify(rows), 0);
  return write(deps.stdout, renderTable(rows), 0);
}

function renderTable(rows: readonly StoryRow[]): string {
  const header = ['ID', 'PARAGRAPHS', 'ADDED BY', 'SOURCE', 'TITLE'];
  const cells = rows.map((row) => [
    row.id,
    String(row.paragraphs),
    row.addedBy,
    row.source ?? '—',
    row.title,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => (cell[column] ?? '').length)),
  );
  const line = (cell: readonly string[]) =>
    cell
      .map((value, column) => (column === cell.length - 1 ? value : value.padEnd(widths[column] ?? 0)))
      .join('  ');
  const count = `${rows.length} ${rows.length === 1 ? 'story' : 'stories'}`;
  return [line(header), ...cells.map(line), '', count].join('\n');
}

function write<T extends number>(stream: Writable, text: string, code: T): T {
  stream.write(`${text}\n`);
  return code;
}
