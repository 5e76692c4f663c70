import { z } from 'zod';
import type { ResponseSchema } from '../../domain/ports.js';

/**
 * The reply contract, the single source for the request's JSON Schema, the validation of the
 * reply and its description in the prompt. Evidence comes before the claim it supports, so the
 * model extracts quotes first and then states what they show ("attribute first, then generate").
 */
export const claimsReplySchema = z.object({
  answerable: z.boolean().describe('false if the passages do not answer the question at all'),
  claims: z
    .array(
      z.object({
        quotes: z
          .array(
            z.object({
              source: z.int().describe('the passage number'),
              quote: z.string().describe('copied exactly from that passage'),
            }),
          )
          .describe('evidence first'),
        text: z.string().describe('one sentence the quotes show, no markers'),
      }),
    )
    .describe('the answer, one sentence per claim'),
  not_covered: z
    .string()
    .nullable()
    .describe('the part of the question the passages do not answer, else null'),
});

/** A reply that fits the contract. */
export type ClaimsReply = z.infer<typeof claimsReplySchema>;
/** One claim as the model wrote it (unverified). */
export type RawClaim = ClaimsReply['claims'][number];
/** One quote as the model wrote it (unverified). */
export type RawQuote = RawClaim['quotes'][number];

type JsonSchema = Readonly<Record<string, unknown>>;

// Strict structured outputs reject `$schema` and do not need zod's safe-integer bounds.
function cleanSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(cleanSchema);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node).filter(
    ([key, value]) =>
      key !== '$schema' &&
      !((key === 'minimum' || key === 'maximum') && Math.abs(Number(value)) === Number.MAX_SAFE_INTEGER),
  );
  return Object.fromEntries(entries.map(([key, value]) => [key, cleanSchema(value)]));
}

/** A zod schema as the strict JSON Schema sent for structured outputs. */
export function toResponseSchema(name: string, schema: z.ZodType): ResponseSchema {
  return { name, schema: cleanSchema(z.toJSONSchema(schema)) as JsonSchema };
}

/** The reply format sent with each request (structured outputs), generated from {@link claimsReplySchema}. */
export const CLAIMS_RESPONSE_SCHEMA = toResponseSchema('grounded_claims', claimsReplySchema);

function typeOf(node: JsonSchema): string {
  const type = node.type;
  if (Array.isArray(type)) return type.map(String).join(' | ');
  if (type === 'array') return `[${typeOf((node.items ?? {}) as JsonSchema)}]`;
  if (type === 'object') {
    const properties = Object.entries((node.properties ?? {}) as Record<string, JsonSchema>);
    return `{${properties.map(([key, value]) => `"${key}": ${typeOf(value)}`).join(', ')}}`;
  }
  return String(type);
}

function describeFields(node: JsonSchema, path: string, lines: string[]): void {
  const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
  for (const [key, value] of Object.entries(properties)) {
    const at = path ? `${path}.${key}` : key;
    if (typeof value.description === 'string') lines.push(`- "${at}": ${value.description}`);
    const inner = value.type === 'array' ? ((value.items ?? {}) as JsonSchema) : value;
    if (inner.type === 'object') describeFields(inner, at, lines);
  }
}

/** A response schema in words for a prompt: its shape on one line, then what each field means. */
export function describeSchema(response: ResponseSchema): string {
  const lines = [typeOf(response.schema)];
  describeFields(response.schema, '', lines);
  return lines.join('\n');
}

/** The claims reply format in words, for the answering prompt. */
export const describeReplyFormat = (): string => describeSchema(CLAIMS_RESPONSE_SCHEMA);
