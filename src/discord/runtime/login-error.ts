/** Thrown by start() when Discord refuses the bot: one clear message, no retry loop. */
export class DiscordLoginError extends Error {
  override readonly name = 'DiscordLoginError';
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null
    ? (error as { code?: unknown; status?: unknown }).code
    : undefined;
}

function statusOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
}

/** Turns whatever login threw into a message that says what to do. */
export function describeLoginError(error: unknown): DiscordLoginError {
  const message = error instanceof Error ? error.message : String(error);
  if (codeOf(error) === 'TokenInvalid' || statusOf(error) === 401 || /authentication failed/i.test(message)) {
    return new DiscordLoginError(
      'Discord rejected DISCORD_TOKEN (invalid or reset token). Copy a fresh token from the Developer Portal ' +
        '(your application → Bot → Reset Token) into .env and start again.',
      { cause: error },
    );
  }
  if (/disallowed intents/i.test(message) || codeOf(error) === 4014) {
    return new DiscordLoginError(
      'Discord refused the gateway intents. storybot needs no privileged intents; check the client options.',
      { cause: error },
    );
  }
  return new DiscordLoginError(`Could not connect to Discord: ${message}`, { cause: error });
}
