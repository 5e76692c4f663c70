const YES = /^(?:yes|true|supported|entailed|consistent|faithful)$/i;
const NO = /^(?:no|false|unsupported|not[\s_-]?supported|contradicted|inconsistent|refuted|unfaithful)$/i;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return YES.test(text) ? true : NO.test(text) ? false : undefined;
}

function claimNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value.trim().replace(/^#/, '')) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined;
}

/**
 * Reads a judge's verdicts the way real models write them: `{ verdicts: [...] }` or a bare array;
 * each item's number as `claim`, `id` or `number` (a number or a numeric string); its label as a
 * boolean `supported` or a `verdict`/`label` word ("yes", "unsupported", ...). Returns claim
 * number → supported, or undefined when nothing in the reply can be read as a verdict.
 */
export function readVerdicts(value: unknown): Map<number, boolean> | undefined {
  const list = Array.isArray(value)
    ? value
    : isRecord(value)
      ? (value.verdicts ?? value.results ?? value.claims)
      : undefined;
  if (!Array.isArray(list)) return undefined;
  const verdicts = new Map<number, boolean>();
  for (const item of list) {
    if (!isRecord(item)) continue;
    const number = claimNumber(item.claim ?? item.id ?? item.number);
    const supported = flag(item.supported ?? item.verdict ?? item.label);
    if (number !== undefined && supported !== undefined && !verdicts.has(number))
      verdicts.set(number, supported);
  }
  return verdicts.size > 0 ? verdicts : undefined;
}
