import {
  BOUNDS,
  CURRENCY_SIGNS,
  FRACTIONS,
  MULTIPLES,
  ORDINALS,
  SCALES,
  TIME_UNITS,
  UNIT_WORDS,
  UNITS,
  type Bound,
} from './number-words.js';

/** A number as a text states it: its value, what it measures and how it is bounded. */
export interface Quantity {
  /** The value with scale applied: "$280bn" is 2.8e11, "32%" is 0.32, "two years" is 730.5 (days). */
  readonly value: number;
  /** '$', '£', '%' (a share, as a fraction), 'days', 'point', 'times', or none for a bare count or date. */
  readonly unit?: string;
  readonly bound: Bound;
  /** The number as written, before scale and unit ("$280bn" → 280): what a bare number in a claim matches. */
  readonly raw: number;
  /** A fraction word or "dozens": round by nature, so compared with a margin. */
  readonly approximate: boolean;
  /** The words it was read from, for logs and figures. */
  readonly text: string;
}

const TOKEN = /[$£€¥%]|\d+(?:,\d{3})*(?:\.\d+)?|\p{L}+|[^\s\p{L}\d]/gu;
const NUMERAL = /^\d+(?:,\d{3})*(?:\.\d+)?$/;
const singular = (word: string) => (word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.replace(/s$/, ''));
const timeUnit = (word = '') => TIME_UNITS[singular(word)];
const unitWord = (word = '') => UNIT_WORDS[singular(word)];

interface Core {
  value: number;
  approximate: boolean;
  unit?: string;
  next: number;
}

/** The number that starts at token i, without scale or unit; undefined when none starts there. */
function readCore(tokens: readonly string[], i: number, counting: boolean): Core | undefined {
  const word = tokens[i] ?? '';
  const after = tokens[i + 1];
  if (NUMERAL.test(word)) return { value: Number(word.replace(/,/g, '')), approximate: false, next: i + 1 };
  const multiple = MULTIPLES[word];
  if (multiple !== undefined) return { value: multiple, approximate: false, unit: 'times', next: i + 1 };
  if ((word === 'a' || word === 'an' || word === 'one') && after) {
    const fraction = FRACTIONS[after];
    if (fraction !== undefined && after !== 'halves')
      return { value: fraction, approximate: true, next: i + 2 };
    if (SCALES[after] || timeUnit(after) || unitWord(after))
      return { value: 1, approximate: false, next: i + 1 };
  }
  if (word === 'half') return { value: 0.5, approximate: true, next: i + 1 };
  let value = UNITS[word];
  if (value === undefined) {
    const ordinal = ORDINALS[word];
    return ordinal === undefined ? undefined : { value: ordinal, approximate: false, next: i + 1 };
  }
  // In a claim's own words "one of the biggest" is no count, and "both" needs no number to back it.
  if ((word === 'one' || word === 'both') && !counting) return undefined;
  let next = i + 1;
  // "twenty-one", "twenty one"
  const joined = tokens[next] === '-' ? next + 1 : next;
  const ones = UNITS[tokens[joined] ?? ''];
  if (value >= 20 && value % 10 === 0 && ones !== undefined && ones < 10) {
    value += ones;
    next = joined + 1;
  }
  // "two-thirds", "three quarters"
  const over = tokens[next] === '-' ? next + 1 : next;
  const fraction = FRACTIONS[tokens[over] ?? ''];
  if (fraction !== undefined && value > 1 && tokens[over] !== 'half')
    return { value: value * fraction, approximate: true, next: over + 1 };
  return { value, approximate: word === 'dozens', next };
}

/** Skips "a", "of", "of a", "-" between a number and its scale or unit ("half a trillion", "15-year-old"). */
function skipJoiners(tokens: readonly string[], at: number): number {
  let i = at;
  while (['-', 'of', 'a', 'an'].includes(tokens[i] ?? '') && i < at + 3) i += 1;
  return i;
}

function readBound(tokens: readonly string[], i: number): { bound: Bound; next: number } | undefined {
  for (const length of [3, 2, 1]) {
    const phrase = tokens.slice(i, i + length).join(' ');
    const found = BOUNDS.find(([pattern]) => pattern.test(phrase));
    if (found) return { bound: found[1], next: i + length };
  }
  return undefined;
}

/** Scale, unit and measure after a number's core; returns the finished quantity's parts. */
function readTail(tokens: readonly string[], core: Core, sign: string | undefined) {
  let { value, next } = core;
  let unit = core.unit ?? sign;
  const at = skipJoiners(tokens, next);
  const scale = SCALES[tokens[next] ?? ''] ?? SCALES[tokens[at] ?? ''];
  if (scale && (SCALES[tokens[next] ?? ''] || core.approximate)) {
    value *= scale;
    next = SCALES[tokens[next] ?? ''] ? next + 1 : at + 1;
  }
  const word = tokens[next] ?? '';
  const joinedAt = skipJoiners(tokens, next);
  const joined = tokens[joinedAt] ?? '';
  if (word === '%' || (word === 'per' && tokens[next + 1] === 'cent') || unitWord(word) === '%') {
    return { value: value / 100, unit: '%', next: next + (word === 'per' ? 2 : 1) };
  }
  const days = timeUnit(word) ?? timeUnit(joined);
  const daysAt = timeUnit(word) !== undefined ? next : joinedAt;
  if (days !== undefined && !unit) return { value: value * days, unit: 'days', next: daysAt + 1 };
  const direct = unitWord(word);
  const measure = direct ?? (core.approximate ? unitWord(joined) : undefined);
  if (measure && (!unit || CURRENCY_SIGNS.has(measure)))
    return { value, unit: measure, next: (direct ? next : joinedAt) + 1 };
  if (word === 'times' || word === 'x') return { value, unit: 'times', next: next + 1 };
  if (!unit && core.approximate && value <= 1) unit = '%';
  return { value, unit, next };
}

/**
 * Every number a text states, read as a value: numerals and number words, fractions and multiples,
 * scales ("$280bn"), shares ("32%", "a third"), time spans in days ("half a century"), and the
 * bound the words before it set ("more than", "nearly", "about"). "As many months" repeats the
 * number before it. With `counting` false (a claim's own words), a bare "one" is not read as a
 * number ("one of the biggest"); evidence reads every number it states.
 */
export function readQuantities(text: string, counting = true): Quantity[] {
  const tokens = (text.toLowerCase().replace(/’/g, "'").match(TOKEN) ?? []).map((t) => t);
  const found: Quantity[] = [];
  let i = 0;
  while (i < tokens.length) {
    const start = i;
    const bounded = readBound(tokens, i);
    const from = bounded?.next ?? i;
    const sign = CURRENCY_SIGNS.has(tokens[from] ?? '') ? tokens[from] : undefined;
    const core = readCore(tokens, sign ? from + 1 : from, counting);
    if (!core) {
      if (tokens[i] === 'as' && tokens[i + 1] === 'many' && timeUnit(tokens[i + 2]) && found.length > 0) {
        const previous = found.at(-1)!;
        const days = timeUnit(tokens[i + 2]) ?? 1;
        found.push({
          ...previous,
          value: previous.value * days,
          unit: 'days',
          text: tokens.slice(i, i + 3).join(' '),
        });
        i += 3;
      } else i += 1;
      continue;
    }
    const tail = readTail(tokens, core, sign);
    found.push({
      value: tail.value,
      raw: core.value,
      ...(tail.unit && { unit: tail.unit }),
      bound: bounded?.bound ?? 'exact',
      approximate: core.approximate,
      text: tokens.slice(start, tail.next).join(' '),
    });
    i = Math.max(tail.next, start + 1);
  }
  return found;
}
