import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The prompt files the answerer uses, from prompts/. */
export interface Prompts {
  readonly system: string;
  readonly user: string;
  readonly passage: string;
  readonly conversation: string;
  /** The line after the story naming the passages search ranked highest; `{{numbers}}` is filled in. */
  readonly hint: string;
  /** Describes the JSON reply for servers without structured outputs; `{{schema}}` is filled in. */
  readonly jsonFormat: string;
  /** The optional second opinion (GROUNDING_CHECK=model): its instructions and one claim's block. */
  readonly groundingCheck: string;
  readonly groundingClaim: string;
}

const FILES = {
  system: 'system.md',
  user: 'user.md',
  passage: 'passage.md',
  conversation: 'conversation.md',
  jsonFormat: 'json-format.md',
  groundingCheck: 'grounding-check.md',
  groundingClaim: 'grounding-claim.md',
  hint: 'hint.md',
} as const;

/** Reads every prompt file from `dir`; a missing one is a start-up error naming it. */
export async function loadPrompts(dir: string): Promise<Prompts> {
  const read = async (file: string) => {
    const full = path.join(dir, file);
    const text = await readFile(full, 'utf8').catch(() => {
      throw new Error(`Prompt file missing or unreadable: ${full}`);
    });
    return text.trim();
  };
  const names = Object.keys(FILES) as (keyof typeof FILES)[];
  const texts = await Promise.all(names.map((name) => read(FILES[name])));
  const prompts = Object.fromEntries(names.map((name, index) => [name, texts[index] ?? '']));
  return prompts as Record<keyof typeof FILES, string>;
}

// Data placed inside delimiters must not be able to close them early.
const DELIMITER = /<(\/?)\s*(passages?|question|conversation|claim|paragraphs)\b/gi;

/** Neutralises delimiter tags inside untrusted text (article text, questions, history). */
export function escapeDelimiters(text: string): string {
  return text.replace(DELIMITER, '‹$1$2');
}

/** Fills `{{name}}` placeholders in one pass, so filled-in values are never re-read as placeholders. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
