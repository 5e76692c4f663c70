import type { Logger } from '../../logging/logger.js';

/** Discord shows "is typing…" for about 10 s; renewing every 8 s keeps it steady. */
const RENEW_MS = 8_000;

/**
 * Shows the typing indicator until the returned function is called. Failures (missing permission,
 * rate limit) are logged at debug level and never interrupt the answer.
 */
export function keepTyping(channel: { sendTyping(): Promise<unknown> }, logger: Logger): () => void {
  const send = () => {
    channel.sendTyping().catch((error: unknown) => logger.debug({ err: error }, 'typing indicator failed'));
  };
  send();
  const timer = setInterval(send, RENEW_MS);
  timer.unref();
  return () => clearInterval(timer);
}
