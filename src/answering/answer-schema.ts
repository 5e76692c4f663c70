import { z } from 'zod';
import { UserFacingError } from '../errors.js';
import { LLM_ERROR_MESSAGES } from './llm-error-messages.js';
import type { ResponseSchema } from '../domain/ports.js';
import type { ModelCitation } from './grounding.js';

/** The reply format sent to the model as a strict JSON schema (structured outputs). */
export const ANSWER_SCHEMA: ResponseSchema = {
  name: 'grounded_answer',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['answerable', 'answer', 'citations'],
    properties: {
      answerable: { type: 'boolean' },
      answer: { type: 'string' },
      citations: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['source', 'quote'],
          properties: { source: { type: 'integer' }, quote: { type: 'string' } },
        },
      },
    },
  },
};

// Servers without structured outputs drift: numbers as strings, a missing empty list.
const lenientReply = z.object({
  answerable: z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]),
  answer: z.string().default(''),
  citations: z.array(z.object({ source: z.coerce.number().int(), quote: z.string() })).default([]),
});

/** The model's reply, parsed. */
export interface ModelReply {
  readonly answerable: boolean;
  readonly answer: string;
  readonly citations: readonly ModelCitation[];
}

/**
 * Checks a parsed JSON value against the reply format, accepting the small deviations that
 * servers without structured outputs make.
 * @throws {UserFacingError} `llm_malformed` when it does not fit.
 */
export function parseModelReply(value: unknown): ModelReply {
  const result = lenientReply.safeParse(value);
  if (!result.success) {
    throw new UserFacingError(LLM_ERROR_MESSAGES.llm_malformed, 'llm_malformed', { cause: result.error });
  }
  return result.data;
}
