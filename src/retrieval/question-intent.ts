// "Why" questions are answered by sentences that give reasons, and news writes reasons with a
// small set of words whatever the story: these cue the ranking towards them.
const ASKS_FOR_REASON = /^\s*(why|how come)\b|\b(reasons?|motives?|rationale|what made|what led)\b/i;
const REASON_CUES = 'because reason concerned concern fear feared worried amid aimed order prompted opted instead preserve protect avoid risk due';

/**
 * Extra search text for the kind of answer a question asks for, or '' when none: a question
 * asking why gets words that news uses to give reasons.
 */
export function intentCues(question: string): string {
  return ASKS_FOR_REASON.test(question) ? REASON_CUES : '';
}
