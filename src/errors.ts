/** Why a model call failed; the user-facing text for each is in `LLM_ERROR_MESSAGES`, below. */
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
  | 'file_unreadable'
  | 'file_unusable'
  | 'article_not_found'
  | 'article_too_short'
  | 'article_unusable'
  /** Removing the only story would leave nothing to answer from. */
  | 'story_last';

/**
 * An error whose message is safe and friendly to show to the person who asked.
 * Anything else that goes wrong is logged with context and answered with a generic apology.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';

  /**
   * True when asking again cannot help until an operator acts (a wrong key, model name or request
   * shape): a consumer stops trying (embeddings turn off) instead of failing every question the same way.
   */
  get permanent(): boolean {
    return PERMANENT_CODES.has(this.code);
  }

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

// Failures that will not go away by asking again: no such model, a request the server refuses
// whatever the question (a server without embeddings answers 400, 404 or 501), a rejected key.
const PERMANENT_CODES: ReadonlySet<UserFacingErrorCode> = new Set<UserFacingErrorCode>([
  'llm_model',
  'llm_bad_request',
  'llm_auth',
]);

/** The reply for failures that are not the user's to understand. */
export const GENERIC_APOLOGY =
  'Sorry, something went wrong on my side while answering. Please try again in a moment.';

/** The friendly text for any error: its own message when user-facing, else the generic apology. */
export function userMessageOf(error: unknown): string {
  return error instanceof UserFacingError ? error.message : GENERIC_APOLOGY;
}

/** The friendly text shown for each failure: what happened and what the person can do. */
export const LLM_ERROR_MESSAGES: Readonly<Record<LlmErrorCode, string>> = {
  llm_auth:
    "The language model rejected our credentials, so I can't answer with it right now. " +
    "The bot's operator needs to check the API key.",
  llm_rate_limited:
    'The language model is getting too many requests right now. Please try again in a minute.',
  llm_quota:
    "The language model account has run out of quota or credit, so I can't answer with it right now. " +
    "The bot's operator needs to check the plan and billing.",
  llm_unavailable:
    'The language model service is having problems right now. Please try again in a few minutes.',
  llm_timeout:
    'The language model took too long to answer. Please try again in a moment, perhaps with a simpler question.',
  llm_unreachable:
    "I couldn't reach the language model service. Please try again in a minute; if it keeps happening, " +
    "the bot's operator should check the connection to the model server.",
  llm_model:
    "The language model this bot is set up to use isn't available. The bot's operator needs to check the model name.",
  llm_bad_request:
    "The language model couldn't process this request. Please try rephrasing your question; if it keeps happening, " +
    "the bot's operator should check the model settings.",
  llm_too_long:
    'The question and the story passages were too long for the language model. Please try a shorter question.',
  llm_empty: 'The language model sent back an empty answer. Please try asking again.',
  llm_refusal:
    'The language model declined to answer this question. Try asking about the story in a different way.',
  llm_truncated:
    "The language model's answer was cut off before it was complete. Please try a narrower question.",
  llm_filtered:
    "The language model's content filter blocked this answer. Please try rephrasing your question.",
  llm_malformed: "The language model replied in a form I couldn't read. Please try asking again.",
  llm_cancelled: 'The question was cancelled before the language model answered.',
  llm_error: 'Something went wrong while talking to the language model. Please try again in a moment.',
};

/** The rate-limit message, naming the wait when the server told us how long it is. */
export function rateLimitMessage(retryAfterMs: number | undefined): string {
  if (retryAfterMs === undefined || retryAfterMs < 1_000) return LLM_ERROR_MESSAGES.llm_rate_limited;
  const seconds = Math.ceil(retryAfterMs / 1_000);
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `The language model is getting too many requests right now. Please try again in about ${wait}.`;
}
