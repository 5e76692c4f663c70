/** Number words and the words that scale, bound or measure a number, for {@link readQuantities}. */

export const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  both: 2,
  dozens: 24,
};

/** Ordinals name a number too ("the sixth such move" = six); first and second are too often other words. */
export const ORDINALS: Readonly<Record<string, number>> = {
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  twentieth: 20,
};

/** Fractions: "a third", "two-thirds", "half", "a quarter". */
export const FRACTIONS: Readonly<Record<string, number>> = {
  half: 1 / 2,
  halves: 1 / 2,
  third: 1 / 3,
  thirds: 1 / 3,
  quarter: 1 / 4,
  quarters: 1 / 4,
  fifth: 1 / 5,
  fifths: 1 / 5,
  tenth: 1 / 10,
  tenths: 1 / 10,
};

/** Multiples: "doubled" = 2 times. */
export const MULTIPLES: Readonly<Record<string, number>> = {
  twice: 2,
  double: 2,
  doubled: 2,
  doubling: 2,
  triple: 3,
  tripled: 3,
  treble: 3,
  trebled: 3,
  quadrupled: 4,
  halved: 0.5,
};

/** Scale words and suffixes ("$280bn", "2 million"). */
export const SCALES: Readonly<Record<string, number>> = {
  dozen: 12,
  hundred: 1e2,
  hundreds: 1e2,
  thousand: 1e3,
  thousands: 1e3,
  k: 1e3,
  million: 1e6,
  millions: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  billions: 1e9,
  bn: 1e9,
  trillion: 1e12,
  tn: 1e12,
};

/** Time units in days, so "half a century" and "50 years" compare equal. */
export const TIME_UNITS: Readonly<Record<string, number>> = {
  second: 1 / 86_400,
  minute: 1 / 1_440,
  hour: 1 / 24,
  day: 1,
  week: 7,
  fortnight: 14,
  month: 30.4,
  quarter: 91.3,
  year: 365.25,
  decade: 3_652.5,
  century: 36_525,
};

/** Money and other measures written as words after the number. */
export const UNIT_WORDS: Readonly<Record<string, string>> = {
  dollar: '$',
  pound: '£',
  euro: '€',
  yen: '¥',
  point: 'point',
  percent: '%',
  percentage: '%',
};

export const CURRENCY_SIGNS = new Set(['$', '£', '€', '¥']);

/** Words before a number that bound it: "more than 100" is any value above 100. */
export const BOUNDS: readonly (readonly [RegExp, Bound])[] = [
  [/^(?:more|greater|higher) than$|^over$|^above$|^in excess of$|^just over$/, 'more'],
  [/^(?:less|fewer|lower) than$|^under$|^below$|^just under$/, 'less'],
  [/^at least$|^no fewer than$|^no less than$/, 'atLeast'],
  [/^up to$|^at most$|^no more than$/, 'atMost'],
  [/^(?:nearly|almost|close to|just short of)$/, 'nearly'],
  [/^(?:about|around|roughly|approximately|some|an estimated|estimated|circa)$/, 'about'],
];

/** How a number is bounded by the words before it. */
export type Bound = 'exact' | 'about' | 'nearly' | 'more' | 'less' | 'atLeast' | 'atMost';
