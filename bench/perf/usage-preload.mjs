// Preloaded into a measured storybot process with `node --import`: on exit, writes the process's
// CPU time and peak resident memory to the file named by BENCH_USAGE_FILE (the bench reads it).
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        peakRssMb: usage.maxRSS / 1024,
      }),
    );
  });
}
