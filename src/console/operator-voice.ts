// The engine's notes speak to a Discord reader ("the bot's operator should check..."); in the
// console the person reading is the operator, so the same advice is addressed to them.

const TO_OPERATOR: readonly (readonly [RegExp, string])[] = [
  [
    /Please try again in a minute; if it keeps happening, the bot's operator should check (.+?)\./g,
    'Check $1.',
  ],
  [/; if it keeps happening, the bot's operator should check (.+?)\./g, '. If it keeps happening, check $1.'],
  [/The bot's operator (?:needs to|should) check (.+?)\./g, 'Check $1.'],
  [/\bthe bot's operator (?:needs to|should) check\b/g, 'check'],
  [
    /the connection to the model server/g,
    'the connection to the model server (OPENAI_BASE_URL) and that it is running',
  ],
];

/** A note or error message rewritten for the operator at the console. */
export function toOperator(text: string): string {
  return TO_OPERATOR.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text)
    .replace(/\s{2,}/g, ' ')
    .replace(/\.\s*\./g, '.')
    .trim();
}
