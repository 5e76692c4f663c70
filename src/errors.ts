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
    readonly code: string,
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
