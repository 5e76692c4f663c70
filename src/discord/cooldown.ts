// The in-memory cooldown moved to src/shared-state (Redis-backed when sharded); re-exported for callers here.
export { createCooldown, type Cooldown, type CooldownVerdict } from '../shared-state/memory-cooldown.js';

/** "try again in 3 s (<t:…:R>)": seconds for people, a Discord timestamp for their clock. */
export function retryMessage(retryAt: number, now: number): string {
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  return `You're asking a little fast. Please try again in ${seconds} s (<t:${Math.ceil(retryAt / 1000)}:R>).`;
}
