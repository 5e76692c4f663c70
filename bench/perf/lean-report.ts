import { renderTable, type Cell } from '../lib/table.js';
import type { LeanFigures } from './lean.js';

/** What the lean section reads from the rest of the bench (absent when that part was skipped). */
export interface LeanContext {
  readonly lean?: LeanFigures;
  readonly bot?: { readonly idleRssMb?: number; readonly peakRssMb: number };
  readonly shardRssMb?: readonly number[];
  readonly engineMedianMs?: number;
  readonly benchS?: number;
  readonly quick: boolean;
}

interface Row {
  readonly figure: string;
  /** The previous release and main before issue 23, as measured side by side in the issue. */
  readonly previous: string;
  readonly before: string;
  readonly aim: string;
  readonly now: (context: LeanContext) => string | undefined;
  /** Whether `now` meets the aim; undefined when there is no aim or no figure. */
  readonly ok?: (context: LeanContext) => boolean | undefined;
}

const s = (ms: number | undefined) => (ms === undefined ? undefined : `${(ms / 1000).toFixed(2)} s`);
const mb = (value: number | undefined) => (value === undefined ? undefined : `${Math.round(value)} MB`);
const atMost = (value: number | undefined, limit: number) =>
  value === undefined ? undefined : value <= limit;

const ROWS: readonly Row[] = [
  {
    figure: '`ask`, no key, wall',
    previous: '0.43 s',
    before: '1.01 s',
    aim: '≤ 0.45 s',
    now: (c) => s(c.lean?.askNoKey.wallMs),
    ok: (c) => atMost(c.lean?.askNoKey.wallMs, 450),
  },
  {
    figure: 'same, CPU / peak RSS',
    previous: '0.54 s / 72 MB',
    before: '1.26 s / 130 MB',
    aim: '–',
    now: (c) => c.lean && `${s(c.lean.askNoKey.cpuMs)} / ${mb(c.lean.askNoKey.peakRssMb)}`,
  },
  {
    figure: '`--help`, wall (CPU)',
    previous: '0.37 s',
    before: '0.50 s',
    aim: '≤ 0.2 s',
    now: (c) => c.lean && `${s(c.lean.help.wallMs)} (${s(c.lean.help.cpuMs)})`,
    ok: (c) => atMost(c.lean?.help.wallMs, 200),
  },
  {
    figure: '`ask` with a key (fake model), wall / peak RSS',
    previous: '0.85 s / 108 MB',
    before: '1.75 s / 217 MB',
    aim: '≤ 0.8 s',
    now: (c) => c.lean && `${s(c.lean.askWithKey.wallMs)} / ${mb(c.lean.askWithKey.peakRssMb)}`,
    ok: (c) => atMost(c.lean?.askWithKey.wallMs, 800),
  },
  {
    figure: 'same, timingsMs local / llm',
    previous: '–',
    before: '– / 606 ms',
    aim: '–',
    now: (c) => c.lean && `${c.lean.askWithKey.localMs} / ${c.lean.askWithKey.llmMs} ms`,
  },
  {
    figure: 'first question in a process (no key)',
    previous: '8 ms',
    before: '384 ms',
    aim: '≤ 20 ms',
    now: (c) => c.lean && `${c.lean.askNoKey.firstQuestionMs} ms`,
    ok: (c) => atMost(c.lean?.askNoKey.firstQuestionMs, 20),
  },
  {
    figure: '`ask --batch` 200, per extra question (CPU)',
    previous: '0.8 ms',
    before: '2.0 ms',
    aim: '≤ 1 ms',
    now: (c) => c.lean && `${c.lean.batch.perExtraQuestionMs} ms (${c.lean.batch.perExtraQuestionCpuMs} ms)`,
    // A negative difference is noise (a loaded machine): no verdict then.
    ok: (c) =>
      c.lean && c.lean.batch.perExtraQuestionMs < 0 ? undefined : atMost(c.lean?.batch.perExtraQuestionMs, 1),
  },
  {
    figure: 'bot idle RSS',
    previous: '107–113 MB',
    before: '215–234 MB',
    aim: '≤ 130 MB',
    now: (c) => mb(c.bot?.idleRssMb),
    ok: (c) => atMost(c.bot?.idleRssMb, 130),
  },
  {
    figure: 'bot after 200 concurrent `/ask` (peak)',
    previous: '134–138 MB',
    before: '272–282 MB',
    aim: '≤ 160 MB',
    now: (c) => mb(c.bot?.peakRssMb),
    ok: (c) => atMost(c.bot?.peakRssMb, 160),
  },
  {
    figure: 'RSS per shard (`bench:shards`, largest)',
    previous: '–',
    before: '245–290 MB',
    aim: '≤ 160 MB',
    now: (c) => mb(c.shardRssMb && c.shardRssMb.length > 0 ? Math.max(...c.shardRssMb) : undefined),
    ok: (c) => atMost(c.shardRssMb && c.shardRssMb.length > 0 ? Math.max(...c.shardRssMb) : undefined, 160),
  },
  {
    figure: 'engine median per question, 1 article',
    previous: '0.36 ms',
    before: '0.67 ms',
    aim: '≤ 0.4 ms',
    now: (c) => (c.engineMedianMs === undefined ? undefined : `${c.engineMedianMs.toFixed(2)} ms`),
    ok: (c) => atMost(c.engineMedianMs, 0.4),
  },
  {
    figure: '`npm run bench -- --quick`',
    previous: '62 s',
    before: '207 s',
    aim: '≤ 90 s',
    now: (c) => (c.quick && c.benchS !== undefined ? `${c.benchS.toFixed(0)} s` : undefined),
    ok: (c) => (c.quick ? atMost(c.benchS, 90) : undefined),
  },
];

const verdict = (ok: boolean | undefined): Cell => (ok === undefined ? '' : ok ? 'met' : 'missed');

/** The start-up and memory table: each figure against the previous release, main before issue 23, and the aim. */
export function leanTable(context: LeanContext): string {
  return renderTable(
    ['figure', 'previous release', 'before (issue 23)', 'aim', 'now', ''],
    ROWS.map((row) => [
      row.figure,
      row.previous,
      row.before,
      row.aim,
      row.now(context) ?? '–',
      verdict(row.ok?.(context)),
    ]),
  );
}
