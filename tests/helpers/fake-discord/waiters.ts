/** Event-driven waits: each waiter re-checks its condition whenever the fake's state changes. */
export interface Waiters {
  /** Resolves with the first defined value of `check`, rejects after `timeoutMs` naming `what`. */
  waitFor<T>(check: () => T | undefined, what: string, timeoutMs?: number): Promise<T>;
  /** Re-checks every pending waiter; call after any state change. */
  notify(): void;
  /** Rejects every pending waiter (used on close). */
  closeAll(): void;
}

interface Pending {
  check: () => boolean;
  fail: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Creates the wait registry with a default timeout. */
export function createWaiters(defaultTimeoutMs: number): Waiters {
  const pending = new Set<Pending>();
  let closed = false;

  function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = defaultTimeoutMs): Promise<T> {
    if (closed) return Promise.reject(new Error(`fake-discord is closed; cannot wait for ${what}`));
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = {
        check: () => {
          const value = check();
          if (value === undefined) return false;
          resolve(value);
          return true;
        },
        fail: reject,
        timer: setTimeout(() => {
          pending.delete(entry);
          reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs),
      };
      pending.add(entry);
    });
  }

  function notify(): void {
    for (const entry of [...pending]) {
      if (!entry.check()) continue;
      clearTimeout(entry.timer);
      pending.delete(entry);
    }
  }

  function closeAll(): void {
    closed = true;
    for (const entry of pending) {
      clearTimeout(entry.timer);
      entry.fail(new Error('fake-discord was closed while waiting'));
    }
    pending.clear();
  }

  return { waitFor, notify, closeAll };
}
