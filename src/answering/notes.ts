import type { LlmErrorCode } from '../errors.js';

/** What went wrong when a model fails partway through an answer, as the end of a sentence. */
const CUT_SHORT_CAUSES: Partial<Record<LlmErrorCode, string>> = {
  llm_unreachable: 'the connection to the language model dropped',
  llm_timeout: 'the language model stopped sending',
  llm_unavailable: 'the language model service failed',
  llm_rate_limited: 'the language model service was too busy',
  llm_malformed: 'the language model sent something unreadable',
  llm_filtered: "the language model's content filter stopped it",
};

/** Reader-facing notes the engine attaches to answers. */
export const NOTES = {
  extractiveNoKey:
    "No language model is configured, so this answer is the article's own sentences that best match your question.",
  extractiveFallback: (reason: string) =>
    `${reason} Meanwhile, here are the article's own sentences that best match your question.`,
  extractivePaused: "Answered from the article's own sentences while the language model is paused.",
  withheld: "The model's answer repeated its own instructions instead of the article, so it is not shown.",
  declined: "The article doesn't cover that.",
  /** Every claim the model made was removed by grounding: nothing unsupported is shown instead. */
  notSaid: "The article doesn't say.",
  /** The answer was stopped (by the asker, the front end or a shutdown) after some claims were shown. */
  stopped: 'Stopped before the answer was finished: the parts verified so far are shown.',
  /** The answer was stopped before any claim was verified. */
  stoppedEmpty: 'Stopped before any part was verified.',
  /** The model failed partway, after the claims shown were verified. */
  cutShort: (code: string) =>
    `This answer was cut short: ${CUT_SHORT_CAUSES[code as LlmErrorCode] ?? 'the language model failed'} before it finished, ` +
    'so only the parts verified before that are shown. Ask again for a complete answer.',
  /** GROUNDING_CHECK=model, and the judge failed, timed out or answered unreadably. */
  secondCheckUnavailable: 'Second check unavailable: checked by code only.',
} as const;
