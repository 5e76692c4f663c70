import { pino, type Logger } from 'pino';
import { redactSecrets } from './redact.js';
import { serializeError } from './serialize-error.js';

export type { Logger } from 'pino';

/** Where log lines go: anything with a `write(line)` method (stderr by default). */
export interface LogSink {
  write(line: string): unknown;
}

export interface LoggerOptions {
  readonly level: string;
  /** Secret values (tokens, keys) scrubbed from every line, wherever they appear. */
  readonly secrets?: readonly (string | undefined)[];
  readonly sink?: LogSink;
}

/**
 * Creates the JSON logger. Every line passes through {@link redactSecrets} on its way out,
 * so a token inside an error message or URL never reaches the log; errors are serialized without
 * the request body discord.js attaches to them (it holds the reply, and so the user's question).
 */
export function createLogger({ level, secrets = [], sink = process.stderr }: LoggerOptions): Logger {
  const known = secrets.filter((secret): secret is string => Boolean(secret));
  const redacting: LogSink = { write: (line: string) => sink.write(redactSecrets(line, known)) };
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['token', 'apiKey', '*.token', '*.apiKey', 'headers.authorization'],
        censor: '[redacted]',
      },
      serializers: { err: serializeError },
    },
    redacting,
  );
}
