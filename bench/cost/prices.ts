/** A chat model's prices in US dollars per million tokens. */
export interface ModelPrices {
  readonly input: number;
  /** Input tokens served from the prompt cache. */
  readonly cachedInput: number;
  readonly output: number;
}

/**
 * Standard-tier prices per million tokens, from OpenAI's pricing page (platform.openai.com/docs/pricing) as
 * copied in March 2026 by github/docs (data/tables/copilot/models-and-pricing.yml) and adk-model's
 * openai/pricing.rs; not checked against OpenAI directly (no network here). Cached input is a quarter of
 * the input price for the 4.1 family, half for 4o, a tenth for the 5 family.
 */
export const PRICES: Readonly<Record<string, ModelPrices>> = {
  'gpt-4.1': { input: 2.0, cachedInput: 0.5, output: 8.0 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2.0 },
  'gpt-5.4': { input: 2.5, cachedInput: 0.25, output: 15.0 },
  'gpt-5.4-mini': { input: 0.75, cachedInput: 0.075, output: 4.5 },
  'gpt-5.4-nano': { input: 0.2, cachedInput: 0.02, output: 1.25 },
};

/** The prices of a model by name (a dated snapshot like gpt-4.1-mini-2025-04-14 takes its alias's). */
export function pricesOf(
  model: string,
): { readonly model: string; readonly prices: ModelPrices } | undefined {
  const alias = model.replace(/-\d{4}-\d{2}-\d{2}$/, '');
  const prices = PRICES[alias];
  return prices && { model: alias, prices };
}

/** Dollars for one call's tokens. */
export function costOf(
  prices: ModelPrices,
  tokens: { readonly prompt: number; readonly cached: number; readonly completion: number },
): number {
  const uncached = tokens.prompt - tokens.cached;
  return (
    (uncached * prices.input + tokens.cached * prices.cachedInput + tokens.completion * prices.output) / 1e6
  );
}
