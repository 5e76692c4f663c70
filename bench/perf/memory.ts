import { round } from '../lib/stats.js';

/** Marks the line on which a worker process prints its JSON result. */
export const WORKER_RESULT = 'BENCH-RESULT ';

/** Resident set size and V8 heap, in MB, after a full garbage collection when allowed (--expose-gc). */
export interface MemoryFigures {
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly heapTotalMb: number;
}

/** Measures memory now, collecting garbage first if `gc` is exposed. */
export function memoryNow(): MemoryFigures {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const usage = process.memoryUsage();
  const mb = (bytes: number) => round(bytes / 2 ** 20, 1);
  return { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), heapTotalMb: mb(usage.heapTotal) };
}
