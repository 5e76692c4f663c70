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
  const slots = new Map<string, { at: number }>();

  const prune = (time: number) => {
    for (const [user, slot] of slots) if (time - slot.at >= windowMs) slots.delete(user);
    // Still too many users inside the window: forget the oldest (Map order is insertion order).
    for (const user of slots.keys()) {
      if (slots.size <= maxUsers) break;
      slots.delete(user);
    }
  };

  return {
    take(userId) {
      if (windowMs <= 0) return { ok: true };
      const time = now();
      const slot = slots.get(userId);
      if (slot && time - slot.at < windowMs) return { ok: false, retryAt: slot.at + windowMs };
      slots.delete(userId);
      slots.set(userId, { at: time });
      if (slots.size > maxUsers) prune(time);
      return { ok: true };
    },
  };
}
