import { z } from 'zod';
import { storyIdProblem } from '../story-id.js';
import type { ArticleMeta } from '../types.js';

const text = z.string().trim().min(1, 'must not be empty');

const publishedAt = z
  .string()
  .trim()
  .pipe(z.union([z.iso.date(), z.iso.datetime({ offset: true, local: true })], 'must be an ISO 8601 date'));

/** Metadata keys an article may set; unknown keys are ignored, known ones must have the right type. */
export const articleMetaSchema = z.object({
  id: z
    .string()
    .trim()
    .superRefine((id, context) => {
      const problem = storyIdProblem(id);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  title: text.optional(),
  source: text.optional(),
  byline: text.optional(),
  publishedAt: publishedAt.optional(),
  addedIn: z
    .string()
    .trim()
    .regex(/^(\d{1,20}|\*)$/, 'must be a Discord server id or *')
    .optional(),
  url: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }))
    .optional(),
});

/** Metadata as given in front matter, a sidecar file or by a caller: every key optional. */
export type PartialMeta = Partial<ArticleMeta>;

/** Validates metadata; throws an `Error` whose message lists every bad key. */
export function validateMeta(input: unknown): PartialMeta {
  const result = articleMetaSchema.safeParse(input);
  if (result.success) return withoutUndefined(result.data);
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || 'metadata'} ${issue.message}`,
  );
  throw new Error(`invalid metadata: ${problems.join('; ')}`);
}

/** Parses and validates the JSON of a `<name>.meta.json` sidecar file. */
export function parseSidecar(json: string): PartialMeta {
  let value: unknown;
  try {
    value = JSON.parse(json.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new Error(`invalid sidecar JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('invalid sidecar JSON: expected an object');
  }
  return validateMeta(value);
}

function withoutUndefined(meta: PartialMeta): PartialMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, value]) => value !== undefined));
}
