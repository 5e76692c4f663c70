import type { Client } from '@libsql/client';
import { numberOf, textOf } from '../storage/row-values.js';
import { estimateCost } from './prices.js';
import { groupThemes, type Theme } from './themes.js';

/** Questions of one UTC day. */
export interface DayCount {
  readonly day: string;
  readonly answered: number;
  readonly declined: number;
  readonly failed: number;
}

export interface ModelCost {
  readonly model: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** US dollars; undefined when the model's price is not known. */
  readonly costUsd?: number;
}

/** A question and what happened to it, for the lists in the report. */
export interface Example {
  readonly time: string;
  /** Undefined when the text was not kept (a DM without STORE_DM_TEXT). */
  readonly question?: string;
  readonly detail: string;
}

/** What readers asked about one story. */
export interface StoryReport {
  readonly story: string;
  readonly title?: string;
  readonly totals: { readonly questions: number } & Omit<DayCount, 'day'>;
  readonly days: readonly DayCount[];
  /** Milliseconds from question to reply, over the questions that got one. */
  readonly medianMs?: number;
  readonly p95Ms?: number;
  readonly models: readonly ModelCost[];
  /** Answers that ended early: stopped (by the reader, or a shutdown), or cut short by a model failure. */
  readonly interrupted: { readonly stopped: number; readonly cutShort: number };
  readonly themes: readonly Theme[];
  readonly declinedWithoutText: number;
  readonly downvoted: readonly Example[];
  readonly removedClaims: readonly Example[];
}

export interface Report {
  readonly since: string;
  readonly until: string;
  readonly stories: readonly StoryReport[];
  /** Questions answered with "which story?": counted under no story (none when one story was asked for). */
  readonly awaitingStory: readonly Example[];
}

/** The intent the questions log gives a question that waits for a story choice. */
const CLARIFY_STORY = 'clarify-story';

interface Row {
  readonly time: string;
  readonly intent?: string;
  readonly story: string;
  readonly question?: string;
  readonly mode: string;
  readonly latency: number;
  readonly model?: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly removed: number;
  readonly reasons: string;
  readonly interrupted?: string;
}

/** Reads the questions and votes since `since` (optionally for one story) and summarises them per story. */
export async function collectReport(
  client: Client,
  options: { since: Date; until?: Date; story?: string; titles?: ReadonlyMap<string, string> },
): Promise<Report> {
  const { since, until = new Date(), story, titles = new Map<string, string>() } = options;
  const filter = story === undefined ? '' : ' AND story = ?';
  const args = [since.toISOString(), until.toISOString(), ...(story === undefined ? [] : [story])];
  const questions = await client.execute({
    sql: `SELECT * FROM questions WHERE time >= ? AND time <= ?${filter} ORDER BY time`,
    args,
  });
  const votes = await client.execute({
    sql: `SELECT time, story, question, answer FROM feedback WHERE vote = 'down' AND time >= ? AND time <= ?${filter} ORDER BY time`,
    args,
  });
  const rows: Row[] = questions.rows.map((row) => ({
    time: textOf(row, 'time') ?? '',
    story: textOf(row, 'story') ?? '(no story)',
    ...optional('question', textOf(row, 'question')),
    ...optional('intent', textOf(row, 'intent')),
    mode: textOf(row, 'mode') ?? 'failed',
    latency: numberOf(row, 'latency_ms'),
    ...optional('model', textOf(row, 'model')),
    promptTokens: numberOf(row, 'prompt_tokens'),
    completionTokens: numberOf(row, 'completion_tokens'),
    removed: numberOf(row, 'claims_removed'),
    reasons: textOf(row, 'removed_reasons') ?? '[]',
    ...optional('interrupted', textOf(row, 'interrupted')),
  }));
  const downvotes = votes.rows.map((row) => ({
    story: textOf(row, 'story') ?? '(no story)',
    time: textOf(row, 'time') ?? '',
    ...optional('question', textOf(row, 'question')),
    detail: textOf(row, 'answer') ?? '(answer not kept)',
  }));
  // Older records filed "which story?" replies under a story; the intent tells them apart.
  const waiting = rows.filter((row) => row.intent === CLARIFY_STORY);
  const answered = rows.filter((row) => row.intent !== CLARIFY_STORY);
  const ids = [
    ...new Set([...answered.map((row) => row.story), ...downvotes.map((vote) => vote.story)]),
  ].sort();
  const stories = ids.map((id) =>
    storyReport(
      id,
      titles.get(id),
      answered.filter((row) => row.story === id),
      downvotes.filter((vote) => vote.story === id),
      { since, until },
    ),
  );
  const awaitingStory =
    story === undefined
      ? waiting.map((row) => ({
          time: row.time,
          ...optional('question', row.question),
          detail: 'asked which story',
        }))
      : [];
  return { since: since.toISOString(), until: until.toISOString(), stories, awaitingStory };
}

function storyReport(
  story: string,
  title: string | undefined,
  rows: readonly Row[],
  downvoted: readonly Example[],
  range: { since: Date; until: Date },
): StoryReport {
  const outcome = (row: Row) =>
    row.mode === 'declined' ? 'declined' : row.mode === 'failed' ? 'failed' : 'answered';
  const count = (list: readonly Row[], kind: string) => list.filter((row) => outcome(row) === kind).length;
  const days = dayRange(range.since, range.until).map((day) => {
    const ofDay = rows.filter((row) => row.time.startsWith(day));
    return {
      day,
      answered: count(ofDay, 'answered'),
      declined: count(ofDay, 'declined'),
      failed: count(ofDay, 'failed'),
    };
  });
  const latencies = rows.filter((row) => outcome(row) !== 'failed').map((row) => row.latency);
  const declined = rows.filter((row) => outcome(row) === 'declined');
  const declinedTexts = declined.flatMap((row) => (row.question === undefined ? [] : [row.question]));
  return {
    story,
    ...optional('title', title),
    totals: {
      questions: rows.length,
      answered: count(rows, 'answered'),
      declined: declined.length,
      failed: count(rows, 'failed'),
    },
    days,
    ...optional('medianMs', percentile(latencies, 0.5)),
    ...optional('p95Ms', percentile(latencies, 0.95)),
    models: modelCosts(rows),
    interrupted: {
      stopped: rows.filter((row) => row.interrupted === 'stopped').length,
      cutShort: rows.filter((row) => row.interrupted === 'cut short').length,
    },
    themes: groupThemes(declinedTexts),
    declinedWithoutText: declined.length - declinedTexts.length,
    downvoted,
    removedClaims: rows
      .filter((row) => row.removed > 0)
      .map((row) => ({
        time: row.time,
        ...optional('question', row.question),
        detail: `${row.removed} removed${reasonsOf(row.reasons, row.removed)}`,
      })),
  };
}

function modelCosts(rows: readonly Row[]): ModelCost[] {
  const byModel = new Map<string, { promptTokens: number; completionTokens: number }>();
  for (const row of rows) {
    if (row.model === undefined) continue;
    const sum = byModel.get(row.model) ?? { promptTokens: 0, completionTokens: 0 };
    sum.promptTokens += row.promptTokens;
    sum.completionTokens += row.completionTokens;
    byModel.set(row.model, sum);
  }
  return [...byModel].map(([model, sum]) => ({
    model,
    ...sum,
    ...optional('costUsd', estimateCost(model, sum.promptTokens, sum.completionTokens)),
  }));
}

/** The stored reasons (each said of one claim), introduced so the line agrees with its count. */
function reasonsOf(json: string, count: number): string {
  try {
    const reasons = (JSON.parse(json) as unknown[]).filter((reason) => typeof reason === 'string');
    if (reasons.length === 0) return '';
    return `${count === 1 ? '' : ', each'} because ${reasons.join(' or ')}`;
  } catch {
    return '';
  }
}

/** The nearest-rank percentile of some numbers (undefined for none). */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Every UTC day from `since` to `until`, as YYYY-MM-DD (at most the last 366). */
function dayRange(since: Date, until: Date): string[] {
  const days: string[] = [];
  const start = Math.max(since.getTime(), until.getTime() - 365 * 86_400_000);
  for (let time = Date.parse(since.toISOString().slice(0, 10)); time <= until.getTime(); time += 86_400_000)
    if (time + 86_400_000 > start) days.push(new Date(time).toISOString().slice(0, 10));
  return days;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
