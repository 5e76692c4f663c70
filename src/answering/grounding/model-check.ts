import { z } from 'zod';
import type { Logger } from '../../logging/logger.js';
import { buildGroundingCheckMessage, buildGroundingCheckSystem } from '../prompt/build-prompt.js';
import type { CheckedClaim } from './grounding.js';
import { describeSchema, toResponseSchema } from '../reply/claims-schema.js';
import type { LlmClient } from '../../domain/ports.js';
import { findModelJson } from '../reply/parse-model-json.js';
import type { Prompts } from '../prompt/prompts.js';
import type { Usage } from '../../domain/types.js';

/** The second opinion's reply: one verdict per numbered claim. Single source for schema and validation. */
const verdictsSchema = z.object({
  verdicts: z.array(
    z.object({
      claim: z.int().describe('the claim number'),
      supported: z.boolean().describe('true only if its paragraphs state or plainly imply it'),
    }),
  ),
});

/** Labels claims supported or not by the paragraphs they quote (GROUNDING_CHECK=model). */
export interface ClaimChecker {
  /** One verdict per claim, in order; `usage` is the check's own cost. */
  check(
    claims: readonly CheckedClaim[],
    signal?: AbortSignal,
  ): Promise<{ readonly supported: readonly boolean[]; readonly usage: Usage }>;
}

/**
 * Creates the optional second opinion: a cheap model reads each claim with its quoted paragraphs
 * and labels it. It catches what the code check cannot (a claim that reuses the quote's words to
 * say the opposite). If the check itself fails, the claims the code check passed are kept and the
 * failure is logged: the second opinion can only remove claims, never add them.
 */
export function createModelClaimChecker(deps: {
  readonly llm: LlmClient;
  readonly prompts: Prompts;
  readonly logger: Logger;
}): ClaimChecker {
  const schema = toResponseSchema('claim_verdicts', verdictsSchema);
  const format = describeSchema(schema);
  return {
    async check(claims, signal) {
      const keepAll = { supported: claims.map(() => true), usage: { promptTokens: 0, completionTokens: 0 } };
      if (claims.length === 0) return keepAll;
      try {
        const user = buildGroundingCheckMessage(
          deps.prompts,
          claims.map((claim) => ({
            text: claim.text,
            paragraphs: [...new Set(claim.quotes.map((quote) => quote.paragraph))],
          })),
        );
        const system = buildGroundingCheckSystem(deps.prompts, format);
        const result = await deps.llm.chat({ system, user, schema, ...(signal && { signal }) });
        const reply = verdictsSchema.parse(findModelJson(result.content).value);
        const verdicts = new Map(reply.verdicts.map((verdict) => [verdict.claim, verdict.supported]));
        // A claim the checker skipped is not vouched for: it is removed like an unsupported one.
        return {
          supported: claims.map((_claim, index) => verdicts.get(index + 1) === true),
          usage: result.usage,
        };
      } catch (error) {
        deps.logger.warn(
          { event: 'grounding_check_failed', err: error },
          'model grounding check failed; keeping code-checked claims',
        );
        return keepAll;
      }
    },
  };
}
