import { driveUsers } from './drive-users.js';
import { startMemorySampler } from './memory.js';
import { latency, tallyResults, type SoakReport } from './report.js';
import { startSoakWorld } from './soak-world.js';

/** How big and how rough a soak is. */
export interface SoakOptions {
  readonly users: number;
  /** Questions and button presses in all (split evenly between users). */
  readonly questions: number;
  readonly seed?: number;
  /** A fault is injected before every `faultEvery`-th dispatch. */
  readonly faultEvery?: number;
  /** Every n-th user has DMs closed (50007); 0 for none. */
  readonly dmsClosedEvery?: number;
  readonly cooldownSeconds?: number;
  /** Pause after a reply before the user's next question; at least the cooldown. */
  readonly thinkMs?: readonly [number, number];
  readonly modelTimeoutMs?: number;
  readonly replyTimeoutMs?: number;
  readonly maxConversations?: number;
  readonly keepLogLines?: boolean;
  /** Force a garbage collection before the first and last memory readings (scripts; not inside vitest). */
  readonly forceGc?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

const DEFAULTS = {
  seed: 20_240_601,
  faultEvery: 4,
  dmsClosedEvery: 10,
  cooldownSeconds: 1,
  modelTimeoutMs: 1_000,
  replyTimeoutMs: 15_000,
  maxConversations: 200,
};

/** Runs the soak: N users asking through the real bot while faults are injected; returns what happened. */
export async function runSoak(
  options: SoakOptions,
): Promise<SoakReport & { readonly logLines: readonly string[] }> {
  const o = { ...DEFAULTS, ...options };
  const thinkMs = o.thinkMs ?? [o.cooldownSeconds * 1000 + 100, o.cooldownSeconds * 1000 + 3000];
  const world = await startSoakWorld({
    cooldownSeconds: o.cooldownSeconds,
    modelTimeoutMs: o.modelTimeoutMs,
    maxConversations: o.maxConversations,
    quotaPauseMs: 1_500,
    replyTimeoutMs: o.replyTimeoutMs,
    keepLogLines: o.keepLogLines ?? false,
  });
  let unhandled = 0;
  let crashes = 0;
  const onUnhandled = () => void (unhandled += 1);
  const onCrash = () => void (crashes += 1);
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtExceptionMonitor', onCrash);
  const memory = startMemorySampler(1_000, () => world.conversations.size, o.forceGc ?? false);
  const started = performance.now();
  const startedAt = Date.now();
  try {
    const { users, faults, finish } = await driveUsers(world, o, thinkMs, o.seed);
    await world.bot.settled(o.replyTimeoutMs);
    const results = finish();
    // A fresh user must still get an answer: the bot is alive after it all.
    const probe = world.fake.sendCommand({ name: 'help', user: world.fake.createUser('probe') });
    if (
      !(await probe.waitForReply().then(
        () => true,
        () => false,
      ))
    )
      crashes += 1;
    const durationS = Math.round((performance.now() - started) / 100) / 10;
    const tally = tallyResults(results);
    const undeliverable = results.filter((r) => r.outcome === 'undeliverable');
    return {
      config: {
        users: o.users,
        questions: o.questions,
        seed: o.seed,
        faultEvery: o.faultEvery,
        cooldownSeconds: o.cooldownSeconds,
        modelTimeoutMs: o.modelTimeoutMs,
        thinkMs: `${thinkMs[0]}-${thinkMs[1]}`,
      },
      durationS,
      totals: { ...tally.totals, duplicates: results.reduce((sum, r) => sum + r.duplicates, 0) },
      questions: tally.questions,
      byKind: tally.byKind,
      details: tally.details,
      faults: {
        injected: faults.injected,
        modelFaultsMet: world.model.served,
        dmsClosedUsers: users.filter((u) => u.dmsClosed).length,
        total: Object.values(faults.injected).reduce((sum, n) => sum + n, 0),
      },
      gateway: { identifies: world.fake.identifyCount, resumes: world.fake.resumeCount },
      crashes,
      unhandledRejections: unhandled,
      latencyMs: {
        ack: latency(results.flatMap((r) => (r.ackMs === undefined ? [] : [r.ackMs]))),
        firstResponse: latency(
          results.flatMap((r) => (r.firstResponseMs === undefined ? [] : [r.firstResponseMs])),
        ),
        reply: latency(
          results.flatMap((r) => (r.doneMs === undefined || r.outcome === 'undeliverable' ? [] : [r.doneMs])),
        ),
      },
      undeliverable: {
        questions: undeliverable.length,
        logged: world.logs.messages['reply undeliverable: Discord refused the message'] ?? 0,
        maxRefusedSendsPerQuestion: Math.max(0, ...undeliverable.map((r) => r.refusedSends)),
      },
      memory: { ...memory.stop(), conversationBound: o.maxConversations },
      logs: { lines: world.logs.lineCount, levels: world.logs.levels, leaks: world.logs.leaks },
      violations: world.fake.violations.map(({ kind, method, path, message }) => ({
        kind,
        method,
        path,
        message,
      })),
      lostExamples: results
        .filter((r) => r.outcome === 'lost')
        .slice(0, 5)
        .map((r) => `${r.kind} sent at +${((r.at - startedAt) / 1000).toFixed(1)} s: ${r.detail}`),
      logLines: world.logs.lines,
    };
  } finally {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtExceptionMonitor', onCrash);
    await world.close();
  }
}
