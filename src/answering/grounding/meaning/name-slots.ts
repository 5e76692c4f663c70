import type { NlpToken } from '../../../text/nlp.js';
import { partyKeys } from './parties.js';

interface Run {
  readonly keys: ReadonlySet<string>;
  readonly before?: string;
  readonly after?: string;
}

const isName = (token: NlpToken) => token.pos === 'PROPN' && /^\p{Lu}/u.test(token.text);
const isTitled = (tokens: readonly NlpToken[], at: number) =>
  /^\p{Lu}/u.test(tokens[at]!.text) &&
  tokens[at]!.pos === 'NOUN' &&
  !!tokens[at + 1] &&
  isName(tokens[at + 1]!);
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'sir', 'lord', 'lady']);

/** Runs of names with the word before and after each (titles belong to the context: "Lord _"). */
function runs(tokens: readonly NlpToken[]): Run[] {
  const found: Run[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (!isName(tokens[i]!) || TITLES.has(tokens[i]!.lower)) continue;
    let end = i + 1;
    // A capitalised title inside a name run belongs to it: "Chinese President Xi Jinping".
    while (end < tokens.length && (isName(tokens[end]!) || isTitled(tokens, end))) end += 1;
    // Two words either side: "of the _" is a slot, "the _" alone is not.
    const before = i >= 2 ? `${tokens[i - 2]!.lower} ${tokens[i - 1]!.lower}` : undefined;
    const after = end + 1 < tokens.length ? `${tokens[end]!.lower} ${tokens[end + 1]!.lower}` : undefined;
    found.push({ keys: partyKeys(tokens.slice(i, end)), ...(before && { before }), ...(after && { after }) });
    i = end - 1;
  }
  return found;
}

const shares = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].some((key) => b.has(key));
const CONTEXT = /[\p{L}\d]/u;

/**
 * A name swapped for another in the same place: the claim names a party its quotes don't, where
 * the quotes name a different party between the same words ("with Lorillard rising" under "with
 * Altria rising"; "Bank of America in London" under "in New York"). Returns the claim's name.
 */
export function swappedName(claim: readonly NlpToken[], quotes: readonly NlpToken[]): string | undefined {
  const quoted = runs(quotes);
  const claimed = runs(claim);
  const inClaim = new Set(claimed.flatMap((run) => [...run.keys]));
  const sameSlot = (run: Run, other: Run) =>
    (!!run.before && run.before === other.before && CONTEXT.test(run.before)) ||
    (!!run.after && run.after === other.after && CONTEXT.test(run.after));
  for (const run of claimed) {
    const slots = quoted.filter((other) => sameSlot(run, other));
    if (slots.some((other) => shares(other.keys, run.keys))) continue;
    const rival = slots.find((other) => !shares(other.keys, inClaim));
    if (rival) return [...run.keys].join(' ');
  }
  return undefined;
}
