import { stdSerializers } from 'pino';

/**
 * Error fields that carry what was being sent: discord.js attaches the whole request body
 * (`requestBody`: a reply's text, which restates the user's question) to its REST errors.
 */
const SENT_DATA = ['requestBody'] as const;

/**
 * pino's error serializer, minus the request data some libraries attach to their errors, so a
 * failed send never copies a user's question or a DM into the log.
 */
export function serializeError(error: unknown): unknown {
  const serialized: unknown = stdSerializers.err(error as Error);
  if (typeof serialized !== 'object' || serialized === null || serialized === error) return serialized;
  const record = serialized as Record<string, unknown>;
  for (const key of SENT_DATA) delete record[key];
  for (const [key, value] of Object.entries(record)) {
    // Nested errors (other than `cause`, which pino folds into the message) are serialized alike.
    if (value instanceof Error) record[key] = serializeError(value);
  }
  if (Array.isArray(record.aggregateErrors)) {
    record.aggregateErrors = record.aggregateErrors.map((nested: unknown) => stripSent(nested));
  }
  return record;
}

function stripSent(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const copy = { ...(value as Record<string, unknown>) };
  for (const key of SENT_DATA) delete copy[key];
  return copy;
}
