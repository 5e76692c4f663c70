import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Prompts } from '../../src/answering/prompt/prompts.js';
import { ROOT } from '../lib/corpora.js';

import { runReaderHalf, type ReaderFigures } from './reader-eval.js';
import { renderReaderReport, renderSquadHalves } from './reader-report.js';
import { loadReaderSet } from './reader-set.js';
import { runSquad, type SquadReport } from './squad.js';

/** The halves of every evaluation set: tune on `dev`, report `heldout`. */
export const HALVES = ['dev', 'heldout'] as const;
export type Half = (typeof HALVES)[number];

const SETS = path.join(ROOT, 'bench', 'eval', 'sets');
const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** The SQuAD question ids of one half, from bench/eval/sets/squad-split.json. */
async function squadIds(half: Half): Promise<ReadonlySet<string> | undefined> {
  const file = path.join(SETS, 'squad-split.json');
  if (!(await exists(file))) return undefined;
  const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const found = json[half] ?? (json.splits as Record<string, unknown> | undefined)?.[half];
  const list = Array.isArray(found) ? found : (found as { ids?: unknown } | undefined)?.ids;
  return Array.isArray(list) ? new Set(list.map(String)) : undefined;
}

/** Figures of both halves of the reader sets and of the SQuAD article. */
export interface ReaderRun {
  readonly reader: Partial<Record<Half, ReaderFigures>>;
  readonly squad: Partial<Record<Half, SquadReport>>;
}

/** Runs the reader sets and SQuAD halves (each one skipped, and said so, when its file is missing). */
export async function runReaderSets(options: {
  readonly corporaDir: string;
  readonly prompts: Prompts;
  readonly halves?: readonly Half[];
  readonly squad?: boolean;
  readonly write: (text: string) => void;
}): Promise<ReaderRun> {
  const { write } = options;
  const halves = options.halves ?? HALVES;
  const reader: Partial<Record<Half, ReaderFigures>> = {};
  const squad: Partial<Record<Half, SquadReport>> = {};
  const started = performance.now();
  for (const half of halves) {
    const file = path.join(SETS, `reader-${half}.json`);
    if (!(await exists(file))) {
      write(`reader ${half} set skipped: no ${path.relative(ROOT, file)}\n`);
      continue;
    }
    reader[half] = await runReaderHalf(await loadReaderSet(file, options.corporaDir), options.prompts);
  }
  const squadFile = path.resolve(options.corporaDir, '../squad/computational-complexity-theory.json');
  if (options.squad !== false && (await exists(squadFile))) {
    for (const half of halves) {
      const ids = await squadIds(half);
      if (ids) squad[half] = await runSquad(squadFile, options.prompts, ids);
      else write(`SQuAD ${half} half skipped: no bench/eval/sets/squad-split.json\n`);
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  write(`\n== Reader sets: stories nobody tuned on, by half (${seconds} s) ==\n\n`);
  write(`${renderReaderReport(reader)}\n`);
  if (Object.keys(squad).length > 0) write(`\n${renderSquadHalves(squad)}\n`);
  return { reader, squad };
}
