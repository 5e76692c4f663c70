// The in-memory cooldown moved to src/shared-state (Redis-backed when sharded); re-exported for callers here.
export { createCooldown, type Cooldown, type CooldownVerdict } from '../../shared-state/memory-cooldown.js';

/** "You can ask again <t:…:R>": Discord shows the time left ("in 5 seconds") in each reader's own words. */
export function retryMessage(retryAt: number): string {
  return `You're asking a little fast. You can ask again <t:${Math.ceil(retryAt / 1000)}:R>.`;
}
