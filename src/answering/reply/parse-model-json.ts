import { jsonrepair } from 'jsonrepair';
import { UserFacingError } from '../../errors.js';
import { LLM_ERROR_MESSAGES } from '../llm-error-messages.js';

const FENCE = /```[ \t]*(?:json5?|javascript|js)?[ \t]*\r?\n?([\s\S]*?)```/gi;
// Reasoning models (DeepSeek-R1, Qwen3) think aloud first; an unclosed block is thinking cut short.
const THINK = /<think(?:ing)?>[\s\S]*?(?:<\/think(?:ing)?>|$)/gi;
// Bounds the scan of prose for a brace that opens a valid object.
const MAX_OBJECT_STARTS = 50;

/** A JSON object found in a reply; `closed` is false when the reply stopped before the object ended. */
export interface FoundJson {
  readonly value: object;
  readonly closed: boolean;
  /** The text of the object as found (before repair), for counting what was complete. */
  readonly source: string;
}

/** Removes `<think>` blocks, which may hold braces and drafts that are not the answer. */
export function stripThinking(content: string): string {
  return content.replace(THINK, '').trim();
}

/**
 * Extracts the JSON object from a model reply. Accepts bare JSON, JSON inside ```json fences,
 * JSON with prose or `<think>` blocks around it, and minor damage (trailing commas, single quotes,
 * comments) repaired by `jsonrepair`. An object the reply never closes is repaired only when the
 * reply is known to be cut off at the token limit (`truncated`); otherwise it is malformed.
 * @throws {UserFacingError} `llm_malformed` when the reply holds no usable JSON object.
 */
export function findModelJson(
  content: string,
  options: { readonly truncated?: boolean; readonly accept?: (value: object) => boolean } = {},
): FoundJson {
  const accept = options.accept ?? (() => true);
  const text = stripThinking(content);
  const whole = parsed(text);
  if (whole.ok) {
    const value = asObject(whole.value);
    if (value) return { value, closed: true, source: text };
    throw malformed();
  }
  // Cut off at the token limit: the reply is the unclosed object; the balanced ones inside it are its parts.
  const start = text.indexOf('{');
  if (options.truncated && start !== -1 && matchingBrace(text, start) === -1) {
    const cut = text.slice(start).replace(/`+\s*$/, '');
    const value = objectFrom(cut, true);
    if (value) return { value, closed: false, source: cut };
  }
  const fenced = [...text.matchAll(FENCE)].map((match) => (match[1] ?? '').trim());
  // `accept` tells the reply from objects inside it (a claim of a reply that never closes).
  for (const candidate of [...fenced, ...balancedObjects(text)]) {
    const value = objectFrom(candidate);
    if (value && accept(value)) return { value, closed: true, source: candidate };
  }
  throw malformed();
}

/** The JSON object in a model reply (see {@link findModelJson}). */
export function parseModelJson(content: string): unknown {
  return findModelJson(content).value;
}

const malformed = () => new UserFacingError(LLM_ERROR_MESSAGES.llm_malformed, 'llm_malformed');

// Repairs only objects that close: an unclosed one is a cut-off reply, not minor damage.
function parsed(text: string, repairUnclosed = false): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const closes = text.startsWith('{') && matchingBrace(text, 0) !== -1;
    if (!closes && !repairUnclosed) return { ok: false };
    try {
      return { ok: true, value: JSON.parse(jsonrepair(text)) as unknown };
    } catch {
      return { ok: false };
    }
  }
}

function asObject(value: unknown): object | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

function objectFrom(text: string, repairUnclosed = false): object | undefined {
  if (!text.startsWith('{')) return undefined;
  const result = parsed(text, repairUnclosed);
  return result.ok ? asObject(result.value) : undefined;
}

/** Every balanced `{…}` span in the text, in order (a bounded number of starts). */
function balancedObjects(text: string): string[] {
  const spans: string[] = [];
  let start = text.indexOf('{');
  for (let tried = 0; start !== -1 && tried < MAX_OBJECT_STARTS; tried += 1) {
    const end = matchingBrace(text, start);
    if (end !== -1) spans.push(text.slice(start, end + 1));
    start = text.indexOf('{', start + 1);
  }
  return spans;
}

/** Index of the brace closing the one at `start`, skipping braces inside strings; -1 if unbalanced. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth += 1;
    else if (char === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * How many objects inside the first array of the root object were closed in `text`: in a reply
 * cut off at the token limit, the claims that were written out completely.
 */
export function closedItemsOfFirstArray(text: string): number {
  const stack: string[] = [];
  let inString = false;
  let closed = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') stack.push(char);
    else if (char === '}' || char === ']') {
      const opened = stack.pop();
      if (opened === '{' && stack.length === 2 && stack[1] === '[') closed += 1;
      if (opened === '[' && stack.length === 1) return closed;
    }
  }
  return closed;
}
