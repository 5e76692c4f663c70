import { z } from 'zod';
import type { Logger } from '../../logging/logger.js';
import { buildGroundingCheckMessage, buildGroundingCheckSystem } from '../prompt/build-prompt.js';
import type { CheckedClaim } from './grounding.js';
import { describeSchema, toResponseSchema } from '../reply/claims-schema.js';
import type { LlmClient } from '../../domain/ports.js';
import { findModelJson, stripThinking } from '../reply/parse-model-json.js';
import type { Prompts } from '../prompt/prompts.js';
import type { Usage } from '../../domain/types.js';
import { readVerdicts } from './read-verdicts.js';

/** The second opinion's reply as asked for: one verdict per numbered claim (the request's schema). */
const verdictsSchema = z.object({
  verdicts: z.array(
    z.object({
      claim: z.int().describe('the claim number'),
      supported: z.boolean().describe('true only if its quotes and paragraphs state or plainly imply it'),
    }),
  ),
});

/** One verdict per claim, in order: `undefined` where the judge gave none it could be read for. */
export interface ClaimVerdicts {
  readonly supported: readonly (boolean | undefined)[];
  readonly usage: Usage;
}

/** What a claim is judged against besides its quotes: the reader's question. */
export interface CheckContext {
  readonly question: string;
  readonly signal?: AbortSignal;
}

/** Labels claims supported or not by the paragraphs they quote (GROUNDING_CHECK=model). */
export interface ClaimChecker {
  check(claims: readonly CheckedClaim[], context: CheckContext): Promise<ClaimVerdicts>;
}

/** The reply's JSON: an object found as for answers, or a bare array of verdicts (some judges write one). */
function judgeJson(content: string): unknown {
  try {
    return findModelJson(content).value;
  } catch {
    const text = stripThinking(content).replace(/^```\w*\s*|```\s*$/g, '');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
}

const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0 };
/** How long the second opinion may take before the answer goes out checked by code only. */
export const DEFAULT_CHECK_TIMEOUT_MS = 8_000;

/**
 * Creates the second opinion: a cheap model reads each claim with the question, its quotes and
 * their paragraphs, and labels it. The system prompt is the same on every call (a prefix the
 * provider caches). A call that fails, times out or can't be read gives no verdicts (`undefined`),
 * never a pass: the caller keeps the code-checked claims and tells the reader the second check
 * was unavailable.
 */
export function createModelClaimChecker(deps: {
  readonly llm: LlmClient;
  readonly prompts: Prompts;
  readonly logger: Logger;
  readonly timeoutMs?: number;
}): ClaimChecker {
  const schema = toResponseSchema('claim_verdicts', verdictsSchema);
  const system = buildGroundingCheckSystem(deps.prompts, describeSchema(schema));
  const timeoutMs = deps.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  return {
    async check(claims, { question, signal }) {
      const none = { supported: claims.map(() => undefined), usage: NO_USAGE };
      if (claims.length === 0) return none;
      const user = buildGroundingCheckMessage(
        deps.prompts,
        question,
        claims.map((claim) => ({
          text: claim.text,
          quotes: claim.quotes.map((quote) => quote.text),
          paragraphs: [...new Set(claim.quotes.map((quote) => quote.paragraph))],
        })),
      );
      const timeout = AbortSignal.timeout(timeoutMs);
      const bounded = signal ? AbortSignal.any([signal, timeout]) : timeout;
      try {
        const result = await deps.llm.chat({ system, user, schema, signal: bounded });
        const verdicts = readVerdicts(judgeJson(result.content));
        if (!verdicts) {
          deps.logger.warn({ event: 'grounding_check_unreadable' }, 'model grounding check reply unreadable');
          return { ...none, usage: result.usage };
        }
        return { supported: claims.map((_claim, index) => verdicts.get(index + 1)), usage: result.usage };
      } catch (error) {
        deps.logger.warn(
          { event: 'grounding_check_failed', err: error, timedOut: timeout.aborted },
          'model grounding check failed; answering with code-checked claims, marked so',
        );
        return none;
      }
    },
  };
}
