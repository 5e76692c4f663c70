// Interaction and webhook tokens travel in URL paths; discord.js puts those URLs in its errors.
const TOKEN_IN_PATH = /\/(interactions|webhooks)\/(\d+)\/[\w.-]{20,}/g;
const BEARER = /\b(Bot|Bearer)\s+[\w.-]{20,}/g;
const OPENAI_KEY = /\bsk-[\w-]{10,}/g;

/**
 * Removes secrets from a piece of text before it is logged: the given secret values,
 * tokens in interaction/webhook URLs, Authorization headers and OpenAI-style keys.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text
    .replace(TOKEN_IN_PATH, '/$1/$2/[redacted]')
    .replace(BEARER, '$1 [redacted]')
    .replace(OPENAI_KEY, '[redacted]');
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  return out;
}
