/**
 * The schema of the fixed evaluation sets in bench/eval/sets (docs/eval-sets.md): the story list and its
 * split, the reader questions of each half, and the SQuAD question split. Parsing validates.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ROOT } from '../lib/corpora.js';

/** Where the evaluation sets live (docs/eval-sets.md). */
export const SETS_DIR = path.join(ROOT, 'bench/eval/sets');

/** A story's kind: the BBC categories, and `world` for Reuters newswire. */
export const KINDS = ['business', 'entertainment', 'politics', 'sport', 'tech', 'world'] as const;
/** Length bands by word count (docs/eval-sets.md). */
export const LENGTHS = ['short', 'medium', 'long'] as const;
/** The halves: tune on `dev`, report `heldout`. */
export const SPLITS = ['dev', 'heldout'] as const;
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

/** `reader-stories.json`. */
export const storyListSchema = z.strictObject({
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

/** `reader-dev.json` and `reader-heldout.json`: the gold is for the last turn (see docs/eval-sets.md). */
export const readerSetSchema = z.strictObject({
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

/** `squad-split.json`: question ids only. */
export const squadSplitSchema = z.strictObject({
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
