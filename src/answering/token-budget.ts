import { readJsonl, type JsonlWriter } from '../storage/jsonl-file.js';
import type { Usage } from '../domain/types.js';

/** One model call's cost, as appended to the usage log. */
export interface UsageRecord {
  readonly time: string;
  readonly model: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Prompt tokens served from the server's prompt cache, when it reported them. */
  readonly cachedTokens?: number;
}

/** Tracks model tokens per UTC day against a cap, and pauses the model after a quota error. */
export interface TokenBudget {
  /** Why the model must not be called now, or undefined when it may. */
  blockedReason(): string | undefined;
  record(usage: Usage): void;
  /** The provider said the quota is exhausted: stop calling it for a while. */
  quotaExhausted(): void;
  readonly usedToday: number;
}

export interface TokenBudgetOptions {
  /** Tokens per UTC day; 0 means no cap. */
  readonly dailyCap: number;
  readonly model: string;
  readonly log?: JsonlWriter<UsageRecord>;
  /** Today's records so far, so a restart does not reset the count. */
  readonly previous?: readonly UsageRecord[];
  readonly now?: () => Date;
  readonly quotaPauseMs?: number;
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** Whether a value read back from a log is a usable record (old or damaged lines are not). */
export function isUsageRecord(value: unknown): value is UsageRecord {
  const record = value as Partial<UsageRecord> | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.time === 'string' &&
    typeof record.model === 'string' &&
    Number.isFinite(record.promptTokens) &&
    Number.isFinite(record.completionTokens)
  );
}

/** Reads the usage log to seed a budget after a restart, skipping records that are not usable. */
export const readUsageLog = async (file: string): Promise<UsageRecord[]> =>
  (await readJsonl<unknown>(file)).filter(isUsageRecord);

/** Creates the daily token budget. */
export function createTokenBudget(options: TokenBudgetOptions): TokenBudget {
  const { dailyCap, model, log, now = () => new Date(), quotaPauseMs = 60 * 60_000 } = options;
  let day = dayOf(now());
  let used = (options.previous ?? [])
    .filter((record) => isUsageRecord(record) && record.time.startsWith(day))
    .reduce((sum, record) => sum + record.promptTokens + record.completionTokens, 0);
  let pausedUntil = 0;

  const rollOver = () => {
    const today = dayOf(now());
    if (today !== day) {
      day = today;
      used = 0;
    }
  };

  return {
    blockedReason() {
      rollOver();
      if (now().getTime() < pausedUntil) return 'The language model account is out of quota for now.';
      if (dailyCap > 0 && used >= dailyCap)
        return "Today's language-model budget is used up (it resets at midnight UTC).";
      return undefined;
    },
    record(usage) {
      rollOver();
      used += usage.promptTokens + usage.completionTokens;
      void log?.append({ time: now().toISOString(), model, ...usage }).catch(() => undefined);
    },
    quotaExhausted() {
      pausedUntil = now().getTime() + quotaPauseMs;
    },
    get usedToday() {
      rollOver();
      return used;
    },
  };
}
