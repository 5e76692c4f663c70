import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Busy processes that keep every core loaded while a bench runs (`npm run soak -- --busy`). */
export interface CpuHogs {
  readonly count: number;
  stop(): Promise<void>;
}

/**
 * Starts one CPU hog per core (a Node process spinning forever, at the bot's own priority), so the
 * bot competes for every core like on a loaded shared machine. `stop` kills exactly these children.
 */
export function startCpuHogs(count = availableParallelism()): CpuHogs {
  const hogs: ChildProcess[] = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  return {
    count,
    async stop() {
      await Promise.all(
        hogs.map(
          (hog) =>
            new Promise<void>((resolve) => {
              if (hog.exitCode !== null || hog.signalCode !== null) return resolve();
              hog.once('exit', () => resolve());
              hog.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}
