/** What a why- or how-question asks for, from its wording. */
export type Asks = 'reason' | 'means' | 'outlook' | 'other';

const WHY =
  /^\W*(?:(?:and|but|so|ok|okay)\W+)?(?:why|how come)\b|\bwhat (?:was|is|were|are) the reasons?\b|\bwhat (?:made|caused|led|prompted|drove)\b|\breasons? (?:for|behind|why)\b/i;
const HOW = /^\W*(?:(?:and|but|so)\W+)?how\b(?! (?:many|much|long|far|big|large|high|low|often|old|come)\b)/i;

const NEXT =
  /\bwhat(?:'s| is| will)? (?:happens? |comes? )?(?:next|now)\b|\bwhat (?:will|would) happen\b|\bwhat are the (?:next steps|prospects)\b|\bthen what\b/i;

/** Whether a question asks for a reason ("why", "how come", "what made…"), a means ("how") or what comes next. */
export function asks(question: string): Asks {
  if (NEXT.test(question.replace(/[’‘]/g, "'"))) return 'outlook';
  if (WHY.test(question)) return 'reason';
  if (HOW.test(question)) return 'means';
  return 'other';
}

// Words that carry a reason or a means in news prose.
const REASON =
  /\b(?:because|since|due to|owing to|concerned|concerns?|fear(?:s|ed)?|worr(?:y|ied|ies)|to protect|to preserve|to safeguard|in order to|so that|so as to|prompted|amid|risk(?:s|ed|ing)?|jeopardi[sz]\w*|could (?:unravel|provoke|undermine|hurt|damage)|aimed? (?:at|to)|as a result|led to|in response to|reason)\b/i;
const OUTLOOK =
  /\b(?:will|moving forward|going forward|in the (?:short|long) term|long-term|future|next|expected to|for now|enters?|remains? to be seen|raises questions)\b/i;
const MEANS = /\b(?:by (?:\w+ing)|through|via|using|with the help of|by means of|opted to|opting|instead)\b/i;

// A reported statement ("…, he said", "according to her") gives a person's reasons even without a cue word.
const REPORTED =
  /\b(?:said|says|say|told|tells|argued|argues|believes?|insisted|insists|warned|warns|explained|explains|claimed|claims|added|according to|reckons?|thinks?)\b/i;

/**
 * Whether a text carries the kind of content the question asks for: a reason (a cue word, or a
 * reported statement when `reported` is set), a means, or what comes next. The one why/how
 * classifier: retrieval ranks paragraphs with it and extractive answers pick sentences with it.
 */
export function carries(text: string, wanted: Asks, reported = false): boolean {
  if (wanted === 'reason') return REASON.test(text) || (reported && REPORTED.test(text));
  if (wanted === 'means') return MEANS.test(text) || (reported && REPORTED.test(text));
  if (wanted === 'outlook') return OUTLOOK.test(text);
  return false;
}
