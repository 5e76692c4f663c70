/** Why a model call failed; the user-facing text for each is in `LLM_ERROR_MESSAGES`. */
export type LlmErrorCode =
  | 'llm_auth'
  | 'llm_rate_limited'
  | 'llm_quota'
  | 'llm_unavailable'
  | 'llm_timeout'
  | 'llm_unreachable'
  | 'llm_model'
  | 'llm_bad_request'
  | 'llm_too_long'
  | 'llm_empty'
  | 'llm_refusal'
  | 'llm_truncated'
  | 'llm_filtered'
  | 'llm_malformed'
  | 'llm_cancelled'
  | 'llm_error';

/** Model failures that mean the server is down or unreachable, not that one question went wrong. */
export const SERVER_DOWN_CODES: ReadonlySet<string> = new Set<LlmErrorCode>([
  'llm_unreachable',
  'llm_timeout',
  'llm_unavailable',
]);

/**
 * Every reason a `UserFacingError` can carry. A union, not a string, so code that branches on
 * a reason is checked by the compiler: a misspelt or retired code does not compile.
 */
export type UserFacingErrorCode =
  | LlmErrorCode
  /** The model budget is spent; answers are extractive until it resets. */
  | 'llm_paused'
  /** The model-call queue is full or the wait for a slot ran out. */
  | 'busy'
  /** A CLI JSON line that is not a question. */
  | 'bad_input'
  /** A question named a story id that is not loaded. */
  | 'unknown_article'
  | AddStoryErrorCode;

/** Why a story could not be added from a link or a file (`storybot add`, `/story add`). */
export type AddStoryErrorCode =
  | 'url_invalid'
  | 'url_scheme'
  | 'url_credentials'
  | 'url_blocked'
  | 'url_redirects'
  | 'url_status'
  | 'url_not_html'
  | 'url_too_large'
  | 'url_timeout'
  | 'url_unreachable'
  /** The connection dropped or the compressed body was broken mid-way. */
  | 'url_broken'
  | 'file_unreadable'
  | 'file_unusable'
  | 'article_not_found'
  | 'article_too_short'
  | 'article_unusable'
  /** An id that is not a slug (`[a-z0-9-]`, bounded length). */
  | 'story_id_invalid'
  /** The id or link is taken by a story already (and `--replace` was not given). */
  | 'story_exists'
  /** The story is not this member's or this server's to change. */
  | 'story_not_yours'
  /** Removing the only story would leave nothing to answer from. */
  | 'story_last';

/**
 * An error whose message is safe and friendly to show to the person who asked.
 * Anything else that goes wrong is logged with context and answered with a generic apology.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';

  constructor(
    /** Shown to the user as is. */
    message: string,
    /** A short machine-readable reason, e.g. `llm_rate_limited`. */
    readonly code: UserFacingErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The reply for failures that are not the user's to understand. */
export const GENERIC_APOLOGY =
  'Sorry, something went wrong on my side while answering. Please try again in a moment.';

/** The friendly text for any error: its own message when user-facing, else the generic apology. */
export function userMessageOf(error: unknown): string {
  return error instanceof UserFacingError ? error.message : GENERIC_APOLOGY;
}
