/** US dollars per million tokens: [prompt, completion]. Public list prices; edit when they change. */
const PRICES: Record<string, readonly [number, number]> = {
  'gpt-4.1': [2, 8],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1-nano': [0.1, 0.4],
  'gpt-4o': [2.5, 10],
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-5': [1.25, 10],
  'gpt-5-mini': [0.25, 2],
  'gpt-5-nano': [0.05, 0.4],
};

/**
 * The estimated cost of some tokens in US dollars, or undefined for a model without a known
 * price (a local model costs what its machine does). Dated model names (gpt-4.1-mini-2025-04-14)
 * use their family's price.
 */
export function estimateCost(
  model: string,
  promptTokens: number,
  completionTokens: number,
): number | undefined {
  const name = model.toLowerCase().replace(/-\d{4}-\d{2}-\d{2}$/, '');
  const price = PRICES[name];
  if (!price) return undefined;
  return (promptTokens * price[0] + completionTokens * price[1]) / 1_000_000;
}
