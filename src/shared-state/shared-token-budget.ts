import type { TokenBudget } from '../answering/token-budget.js';
import type { SharedBus, SharedTokenCounter } from './types.js';

const QUOTA = 'The language model account is out of quota for now.';
const SPENT = "Today's language-model budget is used up (it resets at midnight UTC).";
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * One daily token budget for every process: each process keeps its own budget (and usage log) and
 * adds its tokens to the shared counter; a mirror of the shared total and quota pause, updated on
 * every change announced on the bus and re-read at most once a second, keeps `blockedReason`
 * synchronous (the answerer asks it before each model call).
 */
export function createSharedTokenBudget({
  local,
  tokens,
  bus,
  dailyCap,
  quotaPauseMs = 60 * 60_000,
  now = () => new Date(),
}: {
  readonly local: TokenBudget;
  readonly tokens: SharedTokenCounter;
  readonly bus: SharedBus;
  readonly dailyCap: number;
  readonly quotaPauseMs?: number;
  readonly now?: () => Date;
}): TokenBudget {
  const mirror = { day: dayOf(now()), used: 0, pausedUntil: 0, readAt: 0 };
  const seeTotal = (day: string, total: number) => {
    if (day !== mirror.day) return;
    mirror.used = Math.max(mirror.used, total);
  };
  const refresh = () => {
    const day = dayOf(now());
    if (day !== mirror.day) Object.assign(mirror, { day, used: 0 });
    mirror.readAt = now().getTime();
    void Promise.all([tokens.total(day), tokens.pausedUntil()]).then(
      ([total, until]) => {
        seeTotal(day, total);
        mirror.pausedUntil = Math.max(mirror.pausedUntil, until);
      },
      () => undefined,
    );
  };
  bus.subscribe('tokens', (message) => {
    const [day = '', total = '0'] = message.split(' ');
    seeTotal(day, Number(total));
  });
  bus.subscribe('quota-pause', (message) => {
    mirror.pausedUntil = Math.max(mirror.pausedUntil, Number(message));
  });
  refresh();

  return {
    blockedReason() {
      const reason = local.blockedReason();
      if (reason !== undefined) return reason;
      if (now().getTime() - mirror.readAt > 1000 || dayOf(now()) !== mirror.day) refresh();
      if (now().getTime() < mirror.pausedUntil) return QUOTA;
      if (dailyCap > 0 && mirror.used >= dailyCap) return SPENT;
      return undefined;
    },
    record(usage) {
      local.record(usage);
      const day = dayOf(now());
      const spent = usage.promptTokens + usage.completionTokens;
      void tokens
        .add(day, spent)
        .then((total) => {
          seeTotal(day, total);
          return bus.publish('tokens', `${day} ${total}`);
        })
        .catch(() => undefined);
    },
    quotaExhausted() {
      local.quotaExhausted();
      const until = now().getTime() + quotaPauseMs;
      mirror.pausedUntil = Math.max(mirror.pausedUntil, until);
      void tokens
        .pause(until)
        .then(() => bus.publish('quota-pause', String(until)))
        .catch(() => undefined);
    },
    get usedToday() {
      return Math.max(local.usedToday, dayOf(now()) === mirror.day ? mirror.used : 0);
    },
  };
}
