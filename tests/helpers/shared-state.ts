import { createSharedState, type SharedState } from '../../src/shared-state/create-shared-state.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';

/** A logger whose lines a test can read. */
export function captureLogger(): { logger: Logger; lines: () => string[] } {
  const lines: string[] = [];
  return {
    logger: createLogger({ level: 'info', sink: { write: (line: string) => lines.push(line) } }),
    lines: () => lines,
  };
}

let prefixes = 0;
/** A key prefix of its own, so tests sharing one Redis never see each other's keys. */
export const uniquePrefix = () => `test${process.pid}-${Date.now()}-${(prefixes += 1)}:`;

/** Shared state on `redisUrl` as one bot process would build it (short cooldown and leases). */
export async function redisState(
  redisUrl: string,
  prefix: string,
  logger: Logger = captureLogger().logger,
  options: { cooldownSeconds?: number; leaseMs?: number; maxTurns?: number } = {},
): Promise<SharedState> {
  const state = await createSharedState({
    redisUrl,
    prefix,
    logger,
    cooldownSeconds: options.cooldownSeconds ?? 5,
    maxTurns: options.maxTurns ?? 3,
    maxAgeMs: 60_000,
    leaseMs: options.leaseMs ?? 10_000,
  });
  await eventually(() => state.shared, 'the connection to Redis');
  return state;
}

/** Waits until `check` holds (polling), or fails after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
