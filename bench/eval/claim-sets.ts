import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROOT } from '../lib/corpora.js';

const base = {
  id: z.string(),
  split: z.enum(['dev', 'held-out']),
  /** Path under ../shared/corpora: the story text is read from there, never copied. */
  story: z.string(),
  claim: z.string(),
  /** Verbatim sentences or spans of the story the claim quotes. */
  quotes: z.array(z.string()).min(1),
  question: z.string().optional(),
};
const injected = z.object({ ...base, kind: z.string() });
const faithful = z.object({ ...base, kind: z.enum(['reword', 'number', 'alias', 'both-two']) });
const realistic = z.object({
  ...base,
  label: z.enum(['consistent', 'inconsistent']),
  slip: z.string().optional(),
});
const file = <T extends z.ZodType>(item: T) => z.object({ about: z.unknown(), cases: z.array(item) });

export type InjectedCase = z.infer<typeof injected>;
export type FaithfulCase = z.infer<typeof faithful>;
export type RealisticCase = z.infer<typeof realistic>;
export type ClaimCase = InjectedCase | FaithfulCase | RealisticCase;

/** The three claim sets of bench/eval/sets (issue 20), validated. */
export interface ClaimSets {
  readonly injected: readonly InjectedCase[];
  readonly faithful: readonly FaithfulCase[];
  readonly realistic: readonly RealisticCase[];
}

const SETS = path.join(ROOT, 'bench', 'eval', 'sets');
const read = <T extends z.ZodType>(name: string, item: T): z.infer<T>[] =>
  file(item).parse(JSON.parse(readFileSync(path.join(SETS, name), 'utf8'))).cases;

/** Loads the claim sets: injected unsupported claims, faithful paraphrases, model-style summary claims. */
export function loadClaimSets(): ClaimSets {
  return {
    injected: read('claims-injected.json', injected),
    faithful: read('claims-faithful.json', faithful),
    realistic: read('claims-realistic.json', realistic),
  };
}
