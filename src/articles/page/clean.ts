import { collapseSpaces, comparable } from './normalise-text.js';
import { isEdgeFurniture, isFurniture, isLinkLead } from './furniture.js';

/** Paragraph texts left after cleaning, and every line that was dropped (for debug logs). */
export interface CleanResult {
  readonly paragraphs: string[];
  readonly removed: string[];
}

type Block = string[];
type Test = (line: string) => boolean;

/**
 * Cleans an article body given as blocks of trimmed, non-empty lines (one block per paragraph,
 * hard-wrapped lines still separate). Drops the headline repeated as the first paragraph, page
 * furniture anywhere (whole blocks, or lines at a block's edge) and, in the first and last blocks
 * only, edge furniture such as bylines and credits. Lines of a kept block are joined by one space.
 */
export function cleanBlocks(blocks: readonly Block[], title: string): CleanResult {
  const removed: string[] = [];
  const leads = linkLeads(blocks);
  const anywhere: Test = (line) => isFurniture(line) || leads.has(line);
  let kept = blocks.map((block) => peel(block, anywhere, removed)).filter((block) => block.length > 0);
  kept = dropRepeatedTitle(kept, title, removed);
  kept = trimEdges(kept, (line) => anywhere(line) || isEdgeFurniture(line), removed);
  return { paragraphs: kept.map((block) => collapseSpaces(block.join(' '))), removed };
}

/** Short lines ending in ':' whose next line (in the same or the next block) is a bare URL. */
function linkLeads(blocks: readonly Block[]): Set<string> {
  const lines = blocks.flat();
  return new Set(lines.filter((line, index) => isLinkLead(line, lines[index + 1])));
}

function dropRepeatedTitle(blocks: readonly Block[], title: string, removed: string[]): Block[] {
  const wanted = comparable(title);
  const rest = [...blocks];
  while (rest[0] && comparable(rest[0].join(' ')) === wanted) {
    removed.push(rest[0].join(' '));
    rest.shift();
  }
  return rest;
}

/** Drops the whole block if it is furniture, else furniture lines at its start and end. */
function peel(block: Block, test: Test, removed: string[]): Block {
  const whole = block.join(' ');
  if (test(collapseSpaces(whole))) {
    removed.push(whole);
    return [];
  }
  const lines = [...block];
  while (lines[0] !== undefined && test(lines[0])) removed.push(lines.shift() ?? '');
  while (lines.length > 0 && test(lines[lines.length - 1] ?? '')) removed.push(lines.pop() ?? '');
  return lines;
}

/** Peels edge furniture off the leading and trailing blocks until a real paragraph is reached. */
function trimEdges(blocks: readonly Block[], test: Test, removed: string[]): Block[] {
  const rest = [...blocks];
  for (const fromEnd of [false, true]) {
    while (rest.length > 0) {
      const index = fromEnd ? rest.length - 1 : 0;
      const block = rest[index] ?? [];
      const peeled = peel(block, test, removed);
      if (peeled.length > 0) {
        rest[index] = peeled;
        break;
      }
      rest.splice(index, 1);
    }
  }
  return rest;
}
