import type { AnalysedSentence, WordToken } from '../../text/nlp.js';

/** The kind of answer a question expects, from its wording. */
export type AnswerType = 'time' | 'quantity' | 'agent' | 'place' | 'reason' | 'means' | 'outlook' | 'none';

const RULES: readonly (readonly [AnswerType, RegExp])[] = [
  [
    'outlook',
    /\bwhat(?:'s| is| will)? (?:happens? |comes? )?(?:next|now)\b|\bwhat (?:will|would) happen\b|\bthen what\b/i,
  ],
  [
    'quantity',
    /\bhow (?:many|much|long|far|big|large|high|low|often|old)\b|\bwhat (?:percentage|share|amount|number|proportion|figure)\b/i,
  ],
  ['time', /^\W*when\b|\bwhat (?:time|date|year|day|month)\b|\bsince when\b|\bhow soon\b/i],
  [
    'reason',
    /^\W*(?:and\s+|but\s+|so\s+)?why\b|\bhow come\b|\bwhat (?:caused|led to|prompted|drove|was behind)\b|\b(?:the )?reasons?\b|\bwhy\b/i,
  ],
  [
    'agent',
    /^\W*(?:and\s+)?(?:who|whom|whose)\b|\bwhich (?:company|companies|person|people|leaders?|officials?|agenc(?:y|ies)|countr(?:y|ies)|groups?|firms?|organi[sz]ations?)\b/i,
  ],
  [
    'place',
    /^\W*(?:and\s+)?where\b|\bwhich (?:city|cities|place|region|state)\b|\bin what (?:city|country|place)\b/i,
  ],
  [
    'means',
    /^\W*(?:and\s+|but\s+|so\s+)?how\b(?! (?:many|much|long|far|big|large|high|low|often|old|come)\b)/i,
  ],
];

/** The answer type a question expects ("when" → time, "how much" → quantity, "why" → reason, …). */
export function expectedAnswerType(question: string): AnswerType {
  question = question.replace(/[’‘]/g, "'");
  for (const [type, pattern] of RULES) if (pattern.test(question)) return type;
  return 'none';
}

const MONTHS = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'yesterday',
  'today',
  'tomorrow',
  'week',
  'month',
  'year',
  'decade',
  'century',
  'quarter',
]);
const REASON_CUES = new Set([
  'because',
  'since',
  'due',
  'concern',
  'concerned',
  'fear',
  'worry',
  'protect',
  'safeguard',
  'preserve',
  'order',
  'reason',
  'cause',
  'result',
  'lead',
  'prompt',
  'aim',
  'so',
  'amid',
  'risk',
  'jeopardize',
  'avoid',
  'opt',
  'response',
  'consequence',
  'thanks',
  'driven',
  'drive',
  'after',
  'help',
  'benefit',
  'boost',
]);
const MEANS_CUES = new Set(['by', 'through', 'via', 'using', 'use', 'with', 'method', 'way', 'plan']);
const OUTLOOK_CUES = new Set([
  'will',
  'future',
  'next',
  'forward',
  'expect',
  'term',
  'remain',
  'phase',
  'now',
]);
const QUANTITY_ENTITIES = new Set(['MONEY', 'PERCENT', 'CARDINAL', 'ORDINAL']);
const TIME_ENTITIES = new Set(['DATE', 'TIME', 'DURATION']);

const has = (tokens: readonly WordToken[], test: (token: WordToken) => boolean) => tokens.some(test);

/** Whether a sentence holds the kind of thing the question asks for. */
export function carriesAnswerType(sentence: AnalysedSentence, type: AnswerType): boolean {
  const { tokens } = sentence;
  switch (type) {
    case 'time':
      return has(tokens, (t) => TIME_ENTITIES.has(t.entity ?? '') || MONTHS.has(t.lemma));
    case 'quantity':
      return has(tokens, (t) => QUANTITY_ENTITIES.has(t.entity ?? '') || t.pos === 'NUM');
    case 'agent':
    case 'place':
      // The lite model has no person/place entities: proper nouns after the first word stand in.
      return has(tokens.slice(1), (t) => t.pos === 'PROPN');
    case 'reason':
      return has(tokens, (t) => REASON_CUES.has(t.lemma));
    case 'means':
      return has(tokens, (t) => MEANS_CUES.has(t.lemma));
    case 'outlook':
      return has(tokens, (t) => OUTLOOK_CUES.has(t.lemma));
    case 'none':
      return false;
  }
}
