import path from 'node:path';
import { DEFAULT_CORPORA_DIR, folderExists, ROOT } from '../../bench/lib/corpora.js';
import type { SetQuestion } from '../../bench/eval/reader-set-schema.js';

/** The shared corpora (the stories' paths are relative to it), never copied into the repository. */
export const CORPORA_DIR = DEFAULT_CORPORA_DIR;
/** The SQuAD article whose questions squad-split.json divides. */
export const SQUAD_FILE = path.resolve(ROOT, '../shared/squad/computational-complexity-theory.json');

/** Whether ../shared/corpora is next to the repository, as it is in CI. */
export async function sharedPresent(): Promise<boolean> {
  return folderExists(CORPORA_DIR);
}

/** What a question asks, for the why/how share: a follow-up or greeting says so in `asks`. */
export function asks(question: SetQuestion): string {
  return question.asks ?? question.type;
}

/**
 * Word tokens for the copy rule: runs of letters and digits, an inner apostrophe kept
 * ("who's", "christie's"), case-folded. Every token counts: stopwords are not skipped.
 */
export function wordTokens(value: string): string[] {
  return (
    value
      .replaceAll('\u2019', "'")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? []
  );
}

/** Every run of three consecutive word tokens in a text, joined by spaces. */
export function trigrams(value: string): Set<string> {
  const words = wordTokens(value);
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= words.length; i += 1) grams.add(words.slice(i, i + 3).join(' '));
  return grams;
}

/** The three-word runs a question shares with a story, if any. */
export function copiedRuns(question: string, story: ReadonlySet<string>): string[] {
  return [...trigrams(question)].filter((gram) => story.has(gram));
}
