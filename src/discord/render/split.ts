import { hardCut } from './limits.js';

/** Boundaries tried in order: paragraph, line, sentence (after any markers), word. */
const BOUNDARIES: readonly RegExp[] = [/\n\s*\n/g, /\n/g, /[.!?…]["'”’)\]]*(?:\[\d+\])*(?=\s)/g, /\s/g];

/** True when a cut here would leave an inline code span or a `[n]` marker open. */
function isUnsafeCut(text: string, at: number): boolean {
  const before = text.slice(0, at);
  const backticks = before.split('`').length - 1;
  return backticks % 2 === 1 || /\[\d*$/.test(before);
}

/** The cut for one boundary kind: the last safe match ending at or before `max`. */
function lastBoundary(text: string, max: number, pattern: RegExp): number {
  const matches = [...text.slice(0, max + 1).matchAll(pattern)];
  for (let i = matches.length - 1; i >= 0; i -= 1) {
    const match = matches[i];
    if (!match) continue;
    // Whitespace boundaries cut before the whitespace; sentence ends cut after the punctuation.
    const at = /^\s/.test(match[0]) ? match.index : match.index + match[0].length;
    if (at > 0 && at <= max && !isUnsafeCut(text, at)) return at;
  }
  return -1;
}

function findCut(text: string, max: number): number {
  for (const minFraction of [0.5, 0]) {
    for (const pattern of BOUNDARIES) {
      const at = lastBoundary(text, max, pattern);
      if (at > max * minFraction) return at;
    }
  }
  return -1;
}

/**
 * Splits text into chunks of at most `max` characters, preferring paragraph, then line, then
 * sentence, then word boundaries, and never leaving an inline code span or a `[n]` marker cut open
 * (a code span that must be cut is closed and reopened).
 */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    let cut = findCut(rest, max);
    let reopen = '';
    if (cut === -1) {
      cut = hardCut(rest, max - 1);
      if (isUnsafeCut(rest, cut) && !/\[\d*$/.test(rest.slice(0, cut))) reopen = '`';
    }
    chunks.push(rest.slice(0, cut).trimEnd() + reopen);
    rest = reopen + rest.slice(cut).trimStart();
  }
  if (rest.length > 0) chunks.push(rest);
  return chunks;
}
