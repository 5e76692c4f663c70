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
  /** GROUNDING_CHECK=model, and the judge failed, timed out or answered unreadably. */
  secondCheckUnavailable: 'Second check unavailable: checked by code only.',
} as const;
