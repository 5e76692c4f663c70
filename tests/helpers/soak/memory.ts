import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One memory reading during the soak. */
export interface MemorySample {
  /** Seconds since the sampler started. */
  readonly t: number;
  readonly rssMb: number;
  readonly heapMb: number;
  /** The bot's conversation store size at that moment. */
  readonly conversations: number;
}

/** A full garbage collection, when this process can ask for one (else nothing). */
function collectGarbage(): boolean {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc !== 'function') return false;
    (gc as () => void)();
    return true;
  } catch {
    return false;
  }
}

/** What the samples show. */
export interface MemorySummary {
  readonly start: { readonly rssMb: number; readonly heapMb: number };
  readonly end: { readonly rssMb: number; readonly heapMb: number };
  readonly peak: { readonly rssMb: number; readonly heapMb: number };
  /** Least-squares slope of heap use over the second half of the run, MB per minute (~0: no steady growth). */
  readonly heapSlopeMbPerMin: number;
  readonly rssSlopeMbPerMin: number;
  readonly samples: number;
  /** The largest conversation-store size seen. */
  readonly maxConversations: number;
  /**
   * Heap still in use right after a full collection (only with `forceGc`): at start, every 15 s,
   * and at the end, with the slope over the second half of the run. This is what a leak would grow.
   */
  readonly heapAfterGcMb?: {
    readonly start: number;
    readonly end: number;
    readonly slopeMbPerMin: number;
    readonly readings: readonly number[];
  };
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Slope of y over t (per second), by least squares; 0 with fewer than two points. */
export function slope(points: readonly { t: number; y: number }[]): number {
  if (points.length < 2) return 0;
  const meanT = points.reduce((sum, p) => sum + p.t, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  const num = points.reduce((sum, p) => sum + (p.t - meanT) * (p.y - meanY), 0);
  const den = points.reduce((sum, p) => sum + (p.t - meanT) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const RETAINED_EVERY_MS = 15_000;

function retainedSummary(points: readonly { t: number; y: number }[]) {
  const last = points.at(-1) as { t: number; y: number };
  const half = points.filter((point) => point.t >= last.t / 2);
  return {
    start: (points[0] as { y: number }).y,
    end: last.y,
    slopeMbPerMin: Math.round(slope(half) * 60 * 100) / 100,
    readings: points.map((point) => point.y),
  };
}

/** Samples process memory every `everyMs` until stopped (and the heap after a full GC every 15 s, with `forceGc`). */
export function startMemorySampler(everyMs: number, conversations: () => number, forceGc = false) {
  const started = performance.now();
  const retained: { t: number; y: number }[] = [];
  const takeRetained = () => {
    if (forceGc && collectGarbage())
      retained.push({ t: (performance.now() - started) / 1000, y: mb(process.memoryUsage().heapUsed) });
  };
  takeRetained();
  const retainedTimer = setInterval(takeRetained, RETAINED_EVERY_MS);
  retainedTimer.unref();
  const samples: MemorySample[] = [];
  const take = () => {
    const usage = process.memoryUsage();
    samples.push({
      t: (performance.now() - started) / 1000,
      rssMb: mb(usage.rss),
      heapMb: mb(usage.heapUsed),
      conversations: conversations(),
    });
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    samples,
    stop(): MemorySummary {
      clearInterval(timer);
      clearInterval(retainedTimer);
      take();
      takeRetained();
      const first = samples[0]!;
      const last = samples.at(-1)!;
      const half = samples.filter((sample) => sample.t >= last.t / 2);
      const perMinute = (key: 'rssMb' | 'heapMb') =>
        Math.round(slope(half.map((s) => ({ t: s.t, y: s[key] }))) * 60 * 100) / 100;
      return {
        start: { rssMb: first.rssMb, heapMb: first.heapMb },
        end: { rssMb: last.rssMb, heapMb: last.heapMb },
        peak: {
          rssMb: Math.max(...samples.map((s) => s.rssMb)),
          heapMb: Math.max(...samples.map((s) => s.heapMb)),
        },
        heapSlopeMbPerMin: perMinute('heapMb'),
        rssSlopeMbPerMin: perMinute('rssMb'),
        samples: samples.length,
        maxConversations: Math.max(...samples.map((s) => s.conversations)),
        ...(retained.length >= 2 ? { heapAfterGcMb: retainedSummary(retained) } : {}),
      };
    },
  };
}
