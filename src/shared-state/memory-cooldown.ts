import { LRUCache } from 'lru-cache';

/** The verdict for one question. */
export type CooldownVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** When the user may ask again (ms since the epoch). */
      readonly retryAt: number;
    };

export interface Cooldown {
  /** Takes a slot for the user if their cooldown has passed. Refusals do not extend it. */
  take(userId: string): CooldownVerdict;
}

/** Per-user cooldown between questions; `seconds: 0` turns it off. Memory is bounded. */
export function createCooldown({
  seconds,
  now = Date.now,
  maxUsers = 10_000,
}: {
  readonly seconds: number;
  readonly now?: () => number;
  readonly maxUsers?: number;
}): Cooldown {
  const windowMs = seconds * 1000;
  // Start times of users inside their window; expired or least recent ones drop out, so memory
  // stays bounded. The verdict still compares times itself, so an entry at exactly the window's
  // end (which the cache would still hold) lets the user ask again.
  const slots = new LRUCache<string, number>({
    max: maxUsers,
    ttl: Math.max(windowMs, 1),
    ttlResolution: 0,
    perf: { now },
  });

  return {
    take(userId) {
      if (windowMs <= 0) return { ok: true };
      const time = now();
      const at = slots.peek(userId);
      if (at !== undefined && time - at < windowMs) return { ok: false, retryAt: at + windowMs };
      slots.set(userId, time);
      return { ok: true };
    },
  };
}
