import type { FakeDiscord } from '../fake-discord/index.js';
import { MODEL_FAULTS, type ModelFault, type ModelFaults } from './model-faults.js';

/** Every Discord-side fault the soak injects (50007 is per user: see `dmsClosedEvery`). */
export const DISCORD_FAULTS = [
  'gateway-close-4000-resume',
  'discord-429-callback',
  'discord-429-edit',
  'gateway-invalid-session',
  'discord-429-send',
  'discord-5xx-callback',
  'gateway-duplicate-after-resume',
  'discord-5xx-edit',
  'discord-5xx-send',
  'gateway-duplicate-dispatch',
  'discord-5xx-edit-retries-exhausted',
  'discord-5xx-send-retries-exhausted',
] as const;
export type DiscordFault = (typeof DISCORD_FAULTS)[number];
export type Fault = ModelFault | DiscordFault;

/** Every fault, in the order the schedule cycles through them (model and Discord interleaved). */
export const ALL_FAULTS: readonly Fault[] = MODEL_FAULTS.flatMap((fault, i) => {
  const discord = DISCORD_FAULTS[i];
  return discord === undefined ? [fault] : [fault, discord];
});

/** How long the gateway must have been connected before the next gateway fault. */
const GATEWAY_SETTLE_MS = 1_000;
const WEBHOOK = /^\/webhooks\//;
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const SEND = '/channels/{channel_id}/messages';

/** Cycles through every fault, counts what was injected, and holds dispatches during a fresh identify. */
export interface FaultSchedule {
  /** Injects the next fault of the cycle. */
  injectNext(): Fault;
  /**
   * True while dispatching is unsafe: Discord drops events sent between an invalid session and the
   * next READY. Check it synchronously right before dispatching (`while (blocked()) await gate()`).
   */
  blocked(): boolean;
  /** Resolves when the fresh identify in progress (if any) has completed. */
  gate(): Promise<void>;
  readonly injected: Readonly<Record<string, number>>;
}

/** Creates the schedule over the fakes. */
export function createFaultSchedule(fake: FakeDiscord, model: ModelFaults): FaultSchedule {
  const injected: Record<string, number> = {};
  let position = 0;
  let reidentifying = false;
  let reidentified: Promise<void> = Promise.resolve();

  const discord = (fault: DiscordFault): void => {
    switch (fault) {
      case 'discord-429-callback':
        return fake.failNext({ method: 'POST', route: CALLBACK, status: 429, retryAfter: 0.1 });
      case 'discord-429-edit':
        return fake.failNext({ method: 'PATCH', route: WEBHOOK, status: 429, retryAfter: 0.25 });
      case 'discord-429-send':
        return fake.failNext({ method: 'POST', route: SEND, status: 429, retryAfter: 0.25 });
      case 'discord-5xx-callback':
        return fake.failNext({ method: 'POST', route: CALLBACK, status: 500 });
      case 'discord-5xx-edit':
        return fake.failNext({ method: 'PATCH', route: WEBHOOK, status: 502, times: 2 });
      case 'discord-5xx-send':
        return fake.failNext({ method: 'POST', route: SEND, status: 503, times: 2 });
      // discord.js tries a request 4 times on 5xx; then the handler fails and the guard tells the user.
      case 'discord-5xx-edit-retries-exhausted':
        return fake.failNext({ method: 'PATCH', route: WEBHOOK, status: 503, times: 4 });
      case 'discord-5xx-send-retries-exhausted':
        return fake.failNext({ method: 'POST', route: SEND, status: 500, times: 4 });
      case 'gateway-close-4000-resume':
        return fake.disconnect(4000);
      case 'gateway-invalid-session': {
        const before = fake.identifyCount;
        fake.invalidateSession();
        const ready = () => (fake.identifyCount > before && fake.connected ? true : undefined);
        const done = () => void (reidentifying = false);
        reidentifying = true;
        reidentified = fake.waitFor(ready, 'a fresh identify after an invalid session').then(done, done);
        return;
      }
      case 'gateway-duplicate-after-resume':
        fake.disconnect(4000);
        return fake.duplicateNextDispatch();
      case 'gateway-duplicate-dispatch':
        return fake.duplicateNextDispatch();
    }
  };

  const inject = (fault: Fault) => {
    injected[fault] = (injected[fault] ?? 0) + 1;
    if ((MODEL_FAULTS as readonly string[]).includes(fault)) model.inject(fault as ModelFault);
    else discord(fault as DiscordFault);
  };
  // A gateway fault waits until the connection has been back for a while. An invalid session in
  // the middle of a reconnect would lose the events Discord held for the resume (no bot could
  // answer them); one landing in the same instant as RESUMED trips a race inside discord.js
  // 14.28 (its RESUMED handler reads the session the invalid session just cleared), which
  // rejects inside the library: see bench/SOAK.md.
  const postponed: Fault[] = [];
  let connectedSince: number | undefined;
  const observe = () => {
    if (!fake.connected || reidentifying) connectedSince = undefined;
    else connectedSince ??= Date.now();
  };
  const gatewayReady = () => connectedSince !== undefined && Date.now() - connectedSince >= GATEWAY_SETTLE_MS;

  return {
    injectNext() {
      observe();
      const fault = ALL_FAULTS[position % ALL_FAULTS.length]!;
      position += 1;
      if (!fault.startsWith('gateway-')) inject(fault);
      else postponed.push(fault);
      const due = postponed[0];
      if (due !== undefined && gatewayReady()) {
        postponed.shift();
        inject(due);
        connectedSince = undefined;
      }
      return fault;
    },
    blocked() {
      observe();
      return reidentifying;
    },
    gate: () => reidentified,
    injected,
  };
}
