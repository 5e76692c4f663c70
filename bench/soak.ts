import { loadavg } from 'node:os';
import path from 'node:path';
import { runSoak } from '../tests/helpers/soak/run-soak.js';
import { renderSoakTable } from '../tests/helpers/soak/report.js';
import { parseFlags, stringFlag } from './lib/args.js';
import { startCpuHogs } from './lib/cpu-hogs.js';
import { ROOT } from './lib/corpora.js';
import { machineInfo } from './lib/machine.js';
import { writeJson } from './lib/write-json.js';

const USAGE =
  'npm run soak [-- --users 50] [--questions 2000] [--fault-every 4] [--seed N] [--out FILE] [--busy]\n' +
  '  --busy: a CPU hog on every core while it runs (a starved machine: nothing may be lost or duplicated)';

function intFlag(flags: ReturnType<typeof parseFlags>, name: string, fallback: number): number {
  const value = Number(stringFlag(flags, name, String(fallback)));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number`);
  return value;
}

/** The soak as a script: the real bot under load and faults, a table, and reports/soak.json. */
async function main(argv: readonly string[]): Promise<void> {
  const flags = parseFlags(argv, ['users', 'questions', 'fault-every', 'seed', 'out', 'busy', 'help']);
  if (flags.has('help')) return void process.stdout.write(`${USAGE}\n`);
  const users = intFlag(flags, 'users', 50);
  const questions = intFlag(flags, 'questions', 2000);
  const out = path.resolve(stringFlag(flags, 'out', path.join(ROOT, 'reports', 'soak.json')));
  let shown = 0;
  const hogs = flags.has('busy') ? startCpuHogs() : undefined;
  const loadBefore = loadavg()[0] ?? 0;
  const soaked = runSoak({
    users,
    questions,
    faultEvery: intFlag(flags, 'fault-every', 4),
    seed: intFlag(flags, 'seed', 20_240_601),
    // Users read for 1.1 to 6 s between questions: 2,000 questions from 50 users take about three minutes.
    thinkMs: [1_100, 6_000],
    forceGc: true,
    onProgress(done, total) {
      const step = Math.ceil(total / 20);
      if (done - shown < step && done !== total) return;
      shown = done;
      process.stderr.write(`  ${done}/${total}\n`);
    },
  });
  const { logLines: _lines, ...report } = await soaked.finally(() => hogs?.stop());
  const load = { before: round(loadBefore), after: round(loadavg()[0] ?? 0), hogs: hogs?.count ?? 0 };
  process.stdout.write(
    `\nSoak: ${users} users, ${questions} questions and presses, faults injected throughout` +
      `${hogs ? `, ${hogs.count} CPU hogs (one per core)` : ''}; load average ${load.before} before, ${load.after} at the end\n\n`,
  );
  process.stdout.write(`${renderSoakTable(report)}\n`);
  await writeJson(out, { generatedAt: new Date().toISOString(), machine: machineInfo(), load, ...report });
  process.stdout.write(`\nFigures written to ${path.relative(process.cwd(), out) || out}\n`);
  const failed =
    report.totals.lost +
    report.totals.duplicates +
    report.crashes +
    report.unhandledRejections +
    report.logs.leaks.length +
    report.violations.length;
  if (failed > 0) {
    process.stderr.write(
      'soak FAILED: something was lost, duplicated, crashed, leaked or broke a Discord rule (see above)\n',
    );
    process.exitCode = 1;
  }
  // Steady growth of the heap that survives a full GC, over the second half of the run, is a leak.
  const growth = report.memory.heapAfterGcMb?.slopeMbPerMin;
  if (growth !== undefined && growth > MAX_HEAP_GROWTH_MB_PER_MIN) {
    process.stderr.write(
      `soak FAILED: retained heap grew ${growth} MB/min over the second half (limit ${MAX_HEAP_GROWTH_MB_PER_MIN})\n`,
    );
    process.exitCode = 1;
  }
}

const MAX_HEAP_GROWTH_MB_PER_MIN = 2;

const round = (n: number) => Math.round(n * 100) / 100;

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n${USAGE}\n`,
  );
  process.exitCode = 1;
});
