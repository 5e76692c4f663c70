import type { AnalysedSentence, WordToken } from '../../text/nlp.js';
import { asks, carries } from '../../text/question-kind.js';

/**
 * The kind of answer a question expects, from its wording, with the distinctions readers need:
 * a time of day, a duration or a date; an amount of money, a count, a percentage or an age.
 */
export type AnswerType =
  | 'time-of-day'
  | 'duration'
  | 'date'
  | 'money'
  | 'percent'
  | 'age'
  | 'count'
  | 'quantity'
  | 'agent'
  | 'place'
  | 'reason'
  | 'means'
  | 'outlook'
  | 'none';

const RULES: readonly (readonly [AnswerType, RegExp])[] = [
  ['time-of-day', /\bwhat time\b|\bwhat hour\b|\bat what time\b/i],
  ['duration', /\bhow long\b|\bhow many (?:years|months|weeks|days|hours|minutes|seconds)\b/i],
  ['age', /\bhow old\b|\bwhat age\b|\bage of\b/i],
  ['percent', /%|\bper ?cent(?:age)?\b|\bpct\b|\bproportion\b|\bwhat share\b|\bout of (?:10|ten|100)\b/i],
  [
    'money',
    /\bhow much\b[^?]*\b(?:cost|costs|price|pay|paid|earn|earns|earned|worth|spend|spent|charge|charged|sell|sold|money|fund|raise|raised|invest|invested|fine|fined|compensation|salary|bid|offer)\b|\bhow much money\b|\b(?:price|cost|fee|salary|fine)s? of\b|\bwhat(?:'s| is| was| are| were) the (?:price|cost|fee|salary|fine)\b/i,
  ],
  ['count', /\bhow many\b/i],
  ['quantity', /\bhow (?:much|far|big|large|high|low|fast|often)\b|\bwhat (?:amount|number|figure)\b/i],
  [
    'date',
    /^\W*when\b|\bwhen (?:did|does|do|is|was|will|were|are)\b|\bwhat (?:date|year|day|month)\b|\bsince when\b|\bhow soon\b/i,
  ],
  [
    'agent',
    /^\W*(?:and\s+)?(?:who|whom|whose)\b|\bwho(?:'s| is| was)\b|\bwhich (?:company|companies|person|people|leaders?|officials?|agenc(?:y|ies)|countr(?:y|ies)|groups?|firms?|organi[sz]ations?|team|club|player|band|singer|actor|minister)\b/i,
  ],
  [
    'place',
    /^\W*(?:and\s+)?where\b|\bwhich (?:city|cities|place|region|state|town|venue)\b|\bin what (?:city|country|place)\b/i,
  ],
];

/** The answer type a question expects ("what time" → time-of-day, "how much does it cost" → money, …). */
export function expectedAnswerType(question: string): AnswerType {
  question = question.replace(/[’‘]/g, "'");
  const wanted = asks(question);
  if (wanted === 'outlook') return 'outlook';
  if (wanted === 'reason') return 'reason';
  for (const [type, pattern] of RULES) if (pattern.test(question)) return type;
  return wanted === 'means' ? 'means' : 'none';
}

const DATE_WORDS =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight|(?:last|next|this) (?:week|month|year|season|weekend)|(?:1[89]|20)\d\d|'\d\ds?|\d{1,2}(?:st|nd|rd|th))\b/i;
const TIME_OF_DAY =
  /\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.|gmt|bst|cet|et|est|pst|hours|hrs)\b|\b\d{1,2}:\d{2}\b|\b(?:noon|midday|midnight|dawn|dusk)\b|\bin the (?:morning|afternoon|evening)\b/i;
const DURATION =
  /\b(?:\d[\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)[- ](?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?)\b/i;
const MONEY =
  /[$£€¥]\s?\d|\b\d[\d,.]*\s?(?:bn|m|k|million|billion|trillion)?\s?(?:dollars?|pounds?|euros?|yen|rupees?|pence|p|cents?|francs?|marks?|dlrs|stg)\b|\b(?:us|hk|a|c)\$/i;
const PERCENT =
  /%|\bper ?cent\b|\bpct\b|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:out of|in) (?:10|ten|100|a hundred)\b|\bhalf\b|\bquarter\b|\bthird\b/i;
const AGE =
  /\b\d{1,3}-year-old\b|\baged? \d{1,3}\b|\bat the age of\b|\b\p{Lu}\p{L}+,? \d{2},|\b\d{2}-year\b/u;

const QUANTITY_ENTITIES = new Set(['MONEY', 'PERCENT', 'CARDINAL', 'ORDINAL']);
const has = (tokens: readonly WordToken[], test: (token: WordToken) => boolean) => tokens.some(test);
const entity = (tokens: readonly WordToken[], type: string) => has(tokens, (t) => t.entity === type);
const isCount = (tokens: readonly WordToken[]) =>
  has(tokens, (t) => t.entity === 'CARDINAL' || (t.pos === 'NUM' && !/^(?:1[89]|20)\d\d$/.test(t.text)));

/** Whether a sentence holds the kind of thing the question asks for. */
export function carriesAnswerType(sentence: AnalysedSentence, type: AnswerType): boolean {
  const { tokens, text } = sentence;
  switch (type) {
    case 'time-of-day':
      return entity(tokens, 'TIME') || TIME_OF_DAY.test(text);
    case 'duration':
      return entity(tokens, 'DURATION') || DURATION.test(text);
    case 'date':
      // "When…" is answered by a date or by a time of day ("at 23:40").
      return (
        entity(tokens, 'DATE') || DATE_WORDS.test(text) || entity(tokens, 'TIME') || TIME_OF_DAY.test(text)
      );
    case 'money':
      return entity(tokens, 'MONEY') || MONEY.test(text);
    case 'percent':
      return entity(tokens, 'PERCENT') || PERCENT.test(text);
    case 'age':
      return AGE.test(text);
    case 'count':
      return isCount(tokens);
    case 'quantity':
      return (
        has(tokens, (t) => QUANTITY_ENTITIES.has(t.entity ?? '') || t.pos === 'NUM') || DURATION.test(text)
      );
    case 'agent':
    case 'place':
      // The lite model has no person/place entities: proper nouns after the first word stand in.
      return has(tokens.slice(1), (t) => t.pos === 'PROPN');
    case 'reason':
    case 'means':
      return carries(text, type, true);
    case 'outlook':
      return carries(text, 'outlook');
    case 'none':
      return false;
  }
}

/** Types precise enough that a story lacking them doesn't give the answer ("what time" with no time in it). */
export const PRECISE_TYPES: ReadonlySet<AnswerType> = new Set([
  'time-of-day',
  'duration',
  'date',
  'money',
  'percent',
  'age',
  'count',
]);

/** How a partial answer names what is missing, per precise type. */
export const MISSING: Readonly<Partial<Record<AnswerType, string>>> = {
  'time-of-day': 'the time',
  duration: 'how long',
  date: 'the date',
  money: 'the amount',
  percent: 'the percentage',
  age: 'the age',
  count: 'the number',
};
