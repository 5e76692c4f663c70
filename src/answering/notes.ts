/** Reader-facing notes the engine attaches to answers. */
export const NOTES = {
  extractiveNoKey:
    "No language model is configured, so this answer is the article's own sentences that best match your question.",
  extractiveFallback: (reason: string) =>
    `${reason} Meanwhile, here are the article's own sentences that best match your question.`,
  extractivePaused: "Answered from the article's own sentences while the language model is paused.",
  droppedClaim:
    'Part of the answer was left out because its quote could not be found word for word in the article.',
  unverifiable:
    'The model gave an answer, but none of its quotes could be found word for word in the article, so it is not shown.',
  withheld: "The model's answer repeated its own instructions instead of the article, so it is not shown.",
  declined: "The article doesn't cover that.",
} as const;
