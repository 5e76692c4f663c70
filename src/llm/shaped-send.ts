import { APIError } from 'openai';
import type { Logger } from '../logging/logger.js';
import { describeSdkError, logFailure, toUserFacingError, type LlmCallContext } from './llm-errors.js';
import {
  applyChange,
  changeFor,
  weakerFormat,
  type RequestShape,
  type ShapeChange,
} from './llm-request-shape.js';
import { isProseReply } from './reply-format-check.js';
import type { ServerState } from './server-memory.js';

// Each refusal removes one optional part (format step, temperature, token field), so a few tries suffice.
const MAX_SHAPE_TRIES = 5;

/** What a shaped send needs: the server's learnt state, where to log, and the log context. */
export interface ShapedSendDeps {
  readonly state: ServerState;
  readonly logger: Logger;
  readonly model: string;
  /** OpenAI itself supports `json_schema`: a 5xx from it is never blamed on the format. */
  readonly openAiHost: boolean;
  readonly context: (shape: RequestShape, tries: number) => LlmCallContext;
}

/** One request in a shape; `noServerErrorRetry` asks the transport not to retry a 5xx. */
export type ShapedCall<T> = (
  shape: RequestShape,
  options: { readonly noServerErrorRetry: boolean },
) => Promise<T>;

/**
 * Sends a request, dropping what the server refuses (format step, temperature, token field) and
 * trying again; what is refused is remembered in `state`. A 5xx to a `json_schema` request, before
 * the server has ever answered one (older llama.cpp answers 500), is not retried as is: JSON mode is
 * tried at once, and remembered only if it works (else the server is just down). Every other
 * failure is logged once and thrown as a `UserFacingError`.
 */
export async function sendShaped<T>(
  deps: ShapedSendDeps,
  call: ShapedCall<T>,
): Promise<{ readonly value: T; readonly shape: RequestShape; readonly tries: number }> {
  const { state, logger, model } = deps;
  let shape = state.shape;
  let tentative: ShapeChange | undefined;
  for (let tries = 1; ; tries += 1) {
    const guarded = !deps.openAiHost && shape.format === 'json_schema' && !state.schemaConfirmed;
    try {
      const value = await call(shape, { noServerErrorRetry: guarded });
      if (tentative) state.shape = applyChange(state.shape, tentative);
      return { value, shape, tries };
    } catch (error) {
      const failure = describeSdkError(error, deps.context(shape, tries));
      const serverError = guarded && error instanceof APIError && (error.status ?? 0) >= 500;
      const change =
        tries >= MAX_SHAPE_TRIES
          ? undefined
          : (changeFor(shape, error) ??
            (serverError ? { kind: 'format' as const, to: 'json_object' as const } : undefined));
      if (!change) {
        if (!failure) throw error;
        logFailure(logger, failure, deps.context(shape, tries));
        throw toUserFacingError(failure);
      }
      logger.warn(
        { event: 'llm_adapt', model, change, status: failure?.status, detail: failure?.detail },
        'model server refused an optional request part; retrying without it',
      );
      shape = applyChange(shape, change);
      if (serverError) tentative = change;
      else state.shape = applyChange(state.shape, change);
    }
  }
}

/**
 * Notes what a reply shows about the format: JSON to a `json_schema` request confirms it; prose to a
 * JSON request means the server ignores `response_format`, so later requests step down one format
 * (which also puts the format in the prompt). Returns whether the format was ignored.
 */
export function noteReplyFormat(deps: ShapedSendDeps, shape: RequestShape, content: string): boolean {
  if (shape.format === 'prompt') return false;
  if (!isProseReply(content)) {
    if (shape.format === 'json_schema') deps.state.schemaConfirmed = true;
    return false;
  }
  const to = weakerFormat(shape.format);
  if (to) {
    const change = { kind: 'format' as const, to };
    deps.logger.warn(
      { event: 'llm_adapt', model: deps.model, change },
      'model server ignored the reply format',
    );
    deps.state.shape = applyChange(deps.state.shape, change);
  }
  return true;
}
