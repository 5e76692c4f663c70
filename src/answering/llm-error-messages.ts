import type { LlmErrorCode } from '../errors.js';

export type { LlmErrorCode } from '../errors.js';

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
  const wait =
    seconds === 1 ? '1 second' : seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `The language model is getting too many requests right now. Please try again in about ${wait}.`;
}
