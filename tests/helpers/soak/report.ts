import type { Violation } from '../fake-discord/index.js';
import type { ActionKind } from './actions.js';
import type { Classified } from './classify.js';
import type { Outcome } from './classify.js';
import type { Leak } from './log-watch.js';
import type { MemorySummary } from './memory.js';

/** Percentiles of a sample of durations (ms). */
export interface Latency {
  readonly n: number;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export type Tally = Record<Outcome | 'asked', number>;

/** Everything a soak run measured. */
export interface SoakReport {
  readonly config: Readonly<Record<string, number | string>>;
  readonly durationS: number;
  /** Every question and press: asked, answered, told why, undeliverable (logged), lost. */
  readonly totals: Tally & { readonly duplicates: number };
  /** Questions only (/ask, DMs, mentions, replies). */
  readonly questions: Tally;
  readonly byKind: Readonly<Record<string, Tally>>;
  /** `outcome:detail` counts, e.g. `answered:extractive-with-note`, `told:cooldown`. */
  readonly details: Readonly<Record<string, number>>;
  readonly faults: {
    readonly injected: Readonly<Record<string, number>>;
    /** Model faults that a request actually met (a fault queued last may go unused). */
    readonly modelFaultsMet: Readonly<Record<string, number>>;
    readonly dmsClosedUsers: number;
    readonly total: number;
  };
  readonly gateway: { readonly identifies: number; readonly resumes: number };
  readonly crashes: number;
  readonly unhandledRejections: number;
  readonly latencyMs: { readonly ack: Latency; readonly firstResponse: Latency; readonly reply: Latency };
  readonly undeliverable: {
    readonly questions: number;
    readonly logged: number;
    readonly maxRefusedSendsPerQuestion: number;
  };
  readonly memory: MemorySummary & { readonly conversationBound: number };
  readonly logs: {
    readonly lines: number;
    readonly levels: Readonly<Record<string, number>>;
    readonly leaks: readonly Leak[];
  };
  readonly violations: readonly Pick<Violation, 'kind' | 'method' | 'path' | 'message'>[];
  /** The first few lost questions, for debugging (must be empty). */
  readonly lostExamples: readonly string[];
}

const QUESTION_KINDS = new Set<ActionKind>([
  'ask-guild',
  'ask-dm',
  'ask-private',
  'ask-impatient',
  'dm',
  'mention',
  'reply',
]);

/** Nearest-rank percentiles. */
export function latency(values: readonly number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length === 0
      ? null
      : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null);
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? null };
}

const emptyTally = (): Tally => ({ asked: 0, answered: 0, told: 0, undeliverable: 0, lost: 0 });

/** Adds up the results of every action. */
export function tallyResults(results: readonly (Classified & { readonly kind: ActionKind })[]) {
  const totals = emptyTally();
  const questions = emptyTally();
  const byKind: Record<string, Tally> = {};
  const details: Record<string, number> = {};
  for (const result of results) {
    const kind = (byKind[result.kind] ??= emptyTally());
    for (const tally of [totals, kind, ...(QUESTION_KINDS.has(result.kind) ? [questions] : [])]) {
      tally.asked += 1;
      tally[result.outcome] += 1;
    }
    const key = `${result.outcome}:${result.detail}`;
    details[key] = (details[key] ?? 0) + 1;
  }
  return { totals, questions, byKind, details };
}

/** The report as a plain-text table for the terminal. */
export function renderSoakTable(report: SoakReport): string {
  const rows: [string, string | number][] = [
    [
      'users / questions+presses',
      `${report.config.users} / ${report.totals.asked} (${report.questions.asked} questions)`,
    ],
    ['duration', `${report.durationS} s`],
    ['answered', report.totals.answered],
    ['told why (a reason, not an answer)', report.totals.told],
    [
      'undeliverable (DMs closed, logged)',
      `${report.undeliverable.questions} (logged ${report.undeliverable.logged})`,
    ],
    ['LOST (no reply)', report.totals.lost],
    ['DUPLICATED replies', report.totals.duplicates],
    ['crashes', report.crashes],
    ['unhandled rejections', report.unhandledRejections],
    [
      'faults injected',
      `${report.faults.total} of ${Object.keys(report.faults.injected).length} kinds + ${report.faults.dmsClosedUsers} users with DMs closed`,
    ],
    ['gateway identifies / resumes', `${report.gateway.identifies} / ${report.gateway.resumes}`],
    ['ack p50 / p99 / max (interactions)', fmt(report.latencyMs.ack)],
    ['first response p50 / p99 (messages)', fmt(report.latencyMs.firstResponse)],
    ['reply p50 / p99 / max', fmt(report.latencyMs.reply)],
    [
      'RSS start → end (peak)',
      `${report.memory.start.rssMb} → ${report.memory.end.rssMb} MB (${report.memory.peak.rssMb})`,
    ],
    [
      'heap start → end (slope, 2nd half)',
      `${report.memory.start.heapMb} → ${report.memory.end.heapMb} MB (${report.memory.heapSlopeMbPerMin} MB/min)`,
    ],
    ...(report.memory.heapAfterGcMb
      ? [
          [
            'heap after full GC, start → end (slope)',
            `${report.memory.heapAfterGcMb.start} → ${report.memory.heapAfterGcMb.end} MB (${report.memory.heapAfterGcMb.slopeMbPerMin} MB/min, 2nd half)`,
          ] as [string, string],
        ]
      : []),
    ['conversations max / bound', `${report.memory.maxConversations} / ${report.memory.conversationBound}`],
    ['log lines / leaks', `${report.logs.lines} / ${report.logs.leaks.length}`],
    ['Discord violations', report.violations.length],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

function fmt(value: Latency): string {
  return `${value.p50 ?? '–'} / ${value.p99 ?? '–'} / ${value.max ?? '–'} ms (n=${value.n})`;
}
