import { validateMeta, type PartialMeta } from './meta.js';

/** Text split into its front-matter metadata and the rest. */
export interface FrontMatterSplit {
  readonly meta: PartialMeta;
  readonly body: string;
}

const FENCE = /^---\s*$/;
const ENTRY = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/;

/**
 * Splits optional front matter off normalised text: a `---` first line, `key: value` lines
 * (blank lines and `#` comments allowed, values may be quoted), then a closing `---` line.
 * Text without a leading `---` has no front matter. Throws an `Error` when it is unreadable.
 */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0] ?? '')) return { meta: {}, body: text };
  const end = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (end < 0) throw new Error('unreadable front matter: no closing --- line');
  const entries: Record<string, string> = {};
  for (const [index, line] of lines.slice(1, end).entries()) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = ENTRY.exec(line.trim());
    if (!match) throw new Error(`unreadable front matter: line ${index + 2} is not "key: value"`);
    entries[match[1] ?? ''] = unquote(match[2] ?? '');
  }
  return { meta: validateMeta(entries), body: lines.slice(end + 1).join('\n') };
}

function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  return quoted ? (quoted[2] ?? '') : trimmed;
}
