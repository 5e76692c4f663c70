/** Tracks work in progress so shutdown can wait for it. */
export interface InFlight {
  /** Runs `task`, counting it until it settles. */
  run(task: () => Promise<void>): Promise<void>;
  /** Resolves when all tracked work has settled or `timeoutMs` passed; true if all settled. */
  drain(timeoutMs: number): Promise<boolean>;
  readonly size: number;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<void>>();
  return {
    async run(task) {
      const promise = task();
      running.add(promise);
      try {
        await promise;
      } finally {
        running.delete(promise);
      }
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => ((timedOut = true), resolve()), timeoutMs);
      });
      try {
        // Work that starts while draining (a question turned away politely) is waited for too.
        while (running.size > 0 && !timedOut) await Promise.race([Promise.allSettled([...running]), timeout]);
        return running.size === 0;
      } finally {
        clearTimeout(timer);
      }
    },
    get size() {
      return running.size;
    },
  };
}
