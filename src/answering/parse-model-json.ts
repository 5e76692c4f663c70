import { UserFacingError } from '../errors.js';
import { LLM_ERROR_MESSAGES } from './llm-error-messages.js';

const FENCE = /```[ \t]*(?:json5?|javascript|js)?[ \t]*\r?\n?([\s\S]*?)```/gi;
// Bounds the scan of prose for a brace that opens a valid object.
const MAX_OBJECT_STARTS = 50;

/**
 * Extracts the JSON object from a model reply. Accepts bare JSON, JSON inside ```json fences,
 * and JSON with prose around it (servers that only follow the format from the prompt).
 * @throws {UserFacingError} `llm_malformed` when the reply holds no valid JSON object.
 */
export function parseModelJson(content: string): unknown {
  const whole = parsed(content.trim());
  // Valid JSON that is not an object (an array, a string) is a wrong answer, not one to dig into.
  const found = whole.ok
    ? asObject(whole.value)
    : (firstDefined([...content.matchAll(FENCE)].map((match) => objectFrom((match[1] ?? '').trim()))) ??
      embeddedObject(content));
  if (found === undefined) {
    throw new UserFacingError(LLM_ERROR_MESSAGES.llm_malformed, 'llm_malformed');
  }
  return found;
}

function parsed(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function asObject(value: unknown): object | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

function objectFrom(text: string): object | undefined {
  if (!text.startsWith('{')) return undefined;
  const result = parsed(text);
  return result.ok ? asObject(result.value) : undefined;
}

function firstDefined<T>(values: readonly (T | undefined)[]): T | undefined {
  return values.find((value) => value !== undefined);
}

/** The first balanced `{…}` span in the text that parses as a JSON object. */
function embeddedObject(text: string): object | undefined {
  let start = text.indexOf('{');
  for (let tried = 0; start !== -1 && tried < MAX_OBJECT_STARTS; tried += 1) {
    const end = matchingBrace(text, start);
    const value = end === -1 ? undefined : objectFrom(text.slice(start, end + 1));
    if (value !== undefined) return value;
    start = text.indexOf('{', start + 1);
  }
  return undefined;
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
