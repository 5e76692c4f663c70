import type { ConcurrencyLimiter } from '../answering/limit-concurrency.js';
import type { TokenBudget } from '../answering/token-budget.js';
import { createSharedLimiter } from './shared-limiter.js';
import { createSharedTokenBudget } from './shared-token-budget.js';
import type { SharedState } from './types.js';

/**
 * The engine's limits made global when the state is shared (Redis): one daily token budget and
 * quota pause, and one cap on concurrent model calls, for every process. In memory they stay as given.
 */
export function shareEngineLimits<B extends TokenBudget | undefined>({
  shared,
  budget,
  limiter,
  dailyCap,
  maxConcurrent,
}: {
  readonly shared: SharedState;
  readonly budget: B;
  readonly limiter: ConcurrencyLimiter;
  readonly dailyCap: number;
  readonly maxConcurrent: number;
}): { budget: B | TokenBudget; limiter: ConcurrencyLimiter } {
  if (shared.kind === 'memory') return { budget, limiter };
  return {
    budget:
      budget && createSharedTokenBudget({ local: budget, tokens: shared.tokens, bus: shared.bus, dailyCap }),
    limiter: createSharedLimiter({ local: limiter, slots: shared.slots, max: maxConcurrent }),
  };
}
