import { parse } from 'yaml';
import { validateMeta, type PartialMeta } from './meta.js';

/** Text split into its front-matter metadata and the rest. */
export interface FrontMatterSplit {
  readonly meta: PartialMeta;
  readonly body: string;
}

const FENCE = /^---\s*$/;

/**
 * Splits optional front matter off normalised text: a `---` first line, a YAML mapping of
 * `key: value` lines, then a closing `---` line. Text without a leading `---` has no front
 * matter. Throws an `Error` when it is unreadable.
 */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0] ?? '')) return { meta: {}, body: text };
  const end = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (end < 0) throw new Error('unreadable front matter: no closing --- line');
  const entries = parseEntries(lines.slice(1, end).join('\n'));
  return { meta: validateMeta(entries), body: lines.slice(end + 1).join('\n') };
}

/** The YAML block as a plain object. The failsafe schema keeps every value a string ("2024" stays text). */
function parseEntries(block: string): object {
  let value: unknown;
  try {
    value = parse(block, { schema: 'failsafe' });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new Error(`unreadable front matter: ${reason}`, { cause: error });
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('unreadable front matter: expected "key: value" lines');
  }
  return value;
}
