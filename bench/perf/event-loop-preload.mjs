// Preloaded into the measured bot process with `node --import`: records the event-loop delay
// without changing the bot. SIGUSR2 starts a fresh window (after start-up and warm-up); on exit
// the figures (ms) and memory are written to the file named by BENCH_EVENT_LOOP_FILE.
// The histogram holds the intervals between 10 ms ticks, so the tick itself is subtracted: what is
// left is how late the loop was.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_EVENT_LOOP_FILE;
if (file) {
  const RESOLUTION_MS = 10;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let peakRss = 0;
  // Resident memory at the first SIGUSR2: the bot logged in and idle after one warm-up question.
  let idleRss = 0;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  sample.unref();
  process.on('SIGUSR2', () => {
    histogram.reset();
    peakRss = process.memoryUsage().rss;
    idleRss ||= peakRss;
  });
  process.on('exit', () => {
    const ms = (ns) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
    writeFileSync(
      file,
      JSON.stringify({
        samples: histogram.count,
        p50Ms: ms(histogram.percentile(50)),
        p99Ms: ms(histogram.percentile(99)),
        maxMs: ms(histogram.max),
        windowPeakRssMb: Math.round(peakRss / 2 ** 20),
        idleRssMb: Math.round(idleRss / 2 ** 20),
      }),
    );
  });
}
