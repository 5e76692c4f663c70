import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_CORPORA_DIR, folderExists, ROOT } from '../../bench/lib/corpora.js';

/** Where the evaluation sets live in the repository. */
export const SETS_DIR = path.join(ROOT, 'bench/eval/sets');
/** The shared corpora (the stories' paths are relative to it), never copied into the repository. */
export const CORPORA_DIR = DEFAULT_CORPORA_DIR;
/** The SQuAD article whose questions squad-split.json divides. */
export const SQUAD_FILE = path.resolve(ROOT, '../shared/squad/computational-complexity-theory.json');

const KINDS = ['business', 'entertainment', 'politics', 'sport', 'tech', 'world'] as const;
const LENGTHS = ['short', 'medium', 'long'] as const;
const SPLITS = ['dev', 'heldout'] as const;
/** The question types a reader set uses (see docs/eval-sets.md). */
export const TYPES = [
  'fact',
  'why',
  'how',
  'summary',
  'greeting',
  'thanks',
  'meta',
  'vague',
  'followup',
  'unanswerable',
  'greeting+question',
] as const;
const EXPECTS = ['answer', 'decline', 'greeting', 'thanks', 'meta', 'summary', 'clarify'] as const;

const text = z.string().trim().min(1);

const storyListSchema = z.strictObject({
  version: z.literal(1),
  about: text,
  stories: z.array(
    z.strictObject({
      source: text,
      kind: z.enum(KINDS),
      length: z.enum(LENGTHS),
      words: z.number().int().positive(),
      split: z.enum(SPLITS),
    }),
  ),
});

const questionSchema = z.strictObject({
  id: text,
  turns: z.array(text).min(1).max(3),
  type: z.enum(TYPES),
  expect: z.enum(EXPECTS),
  asks: z.enum(['fact', 'why', 'how']).optional(),
  paragraphs: z.array(z.number().int().positive()).min(1).optional(),
  spans: z.array(text).min(1).optional(),
  focus: text.optional(),
  about: text.optional(),
});

const readerSetSchema = z.strictObject({
  version: z.literal(1),
  split: z.enum(SPLITS),
  stories: z.array(
    z.strictObject({
      source: text,
      kind: z.enum(KINDS),
      length: z.enum(LENGTHS),
      questions: z.array(questionSchema),
    }),
  ),
});

const squadSplitSchema = z.strictObject({
  version: z.literal(1),
  source: text,
  rule: text,
  counts: z.record(text, z.strictObject({ dev: z.number().int(), heldout: z.number().int() })),
  dev: z.array(text),
  heldout: z.array(text),
});

export type StoryList = z.infer<typeof storyListSchema>;
export type ReaderSetFile = z.infer<typeof readerSetSchema>;
export type SetQuestion = z.infer<typeof questionSchema>;
export type SquadSplit = z.infer<typeof squadSplitSchema>;

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

/** The fixed story list with its dev/heldout split, validated. */
export async function readStoryList(): Promise<StoryList> {
  return storyListSchema.parse(await readJson(path.join(SETS_DIR, 'reader-stories.json')));
}

/** One half of the reader questions, validated against the schema. */
export async function readReaderSet(split: (typeof SPLITS)[number]): Promise<ReaderSetFile> {
  return readerSetSchema.parse(await readJson(path.join(SETS_DIR, `reader-${split}.json`)));
}

/** The SQuAD question-id split, validated. */
export async function readSquadSplit(): Promise<SquadSplit> {
  return squadSplitSchema.parse(await readJson(path.join(SETS_DIR, 'squad-split.json')));
}

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
