import { createRequire } from 'node:module';
import { eng as englishStopWords } from 'stopword';
import { wordNet } from './wordnet.js';

/** The kinds of bridge between a reader's words and an article's (each can be switched off for ablation). */
export type BridgeKind = 'wordnet' | 'abbreviation' | 'number' | 'percent';

export const BRIDGE_KINDS: readonly BridgeKind[] = ['wordnet', 'abbreviation', 'number', 'percent'];

/** Which bridges are on: all by default; STORYBOT_BRIDGES_OFF=wordnet,number switches some off (ablation runs). */
export function bridgesOn(env: NodeJS.ProcessEnv = process.env): ReadonlySet<BridgeKind> {
  const off = new Set((env.STORYBOT_BRIDGES_OFF ?? '').split(',').map((kind) => kind.trim()));
  return new Set(BRIDGE_KINDS.filter((kind) => !off.has(kind) && !off.has('all')));
}

/** Another wording of a reader's word, as the article might put it. */
export interface Bridge {
  /** The reader's word. */
  readonly from: string;
  /** The article's wording (a word or a phrase). */
  readonly to: string;
  readonly kind: BridgeKind;
}

const STOP = new Set(englishStopWords);
const MAX_NUMBER_WORD = 100;
/** WordNet senses bridged per part of speech: the most frequent only (later senses are mostly noise). */
const WORDNET_SENSES = 1;

interface NumberWords {
  readonly toWords: (n: number) => string;
}
interface Romans {
  readonly romanize: (n: number) => string;
  readonly deromanize: (text: string) => number;
}
let numbers: { words: Map<number, string>; values: Map<string, number>; romans: Romans } | undefined;

/** Number words 0-100 both ways (number-to-words) and Roman numerals (romans), built on first use. */
function numberTables() {
  if (numbers) return numbers;
  const require = createRequire(import.meta.url);
  const { toWords } = require('number-to-words') as NumberWords;
  const romans = require('romans') as Romans;
  const words = new Map<number, string>();
  for (let n = 0; n <= MAX_NUMBER_WORD; n += 1) words.set(n, toWords(n).replace(/-/g, ' '));
  const values = new Map([...words].map(([n, word]) => [word, n]));
  numbers = { words, values, romans };
  return numbers;
}

/** The value of a digit string, a number word ("two") or a Roman numeral of two letters or more ("II"). */
export function numberValue(word: string): number | undefined {
  if (/^\d{1,4}$/.test(word)) return Number(word);
  const { values, romans } = numberTables();
  const spelt = values.get(word.toLowerCase());
  if (spelt !== undefined) return spelt;
  if (!/^[ivxlcdm]{2,6}$/i.test(word)) return undefined;
  try {
    return romans.deromanize(word.toUpperCase());
  } catch {
    return undefined;
  }
}

/** Other ways of writing a number: "2" ↔ "two" ↔ "II". */
function numberForms(word: string): string[] {
  const value = numberValue(word);
  if (value === undefined) return [];
  const { words, romans } = numberTables();
  const forms = [String(value)];
  const spelt = words.get(value);
  if (spelt) forms.push(spelt);
  if (value > 1 && value < 40) forms.push(romans.romanize(value).toLowerCase());
  return forms.filter((form) => form !== word.toLowerCase());
}

const PERCENT_WORDS = ['percent', 'per cent', 'pct', 'percentage'];
/** How a question asks for a share: "%", "percent", "pct", "what proportion"… */
export const ASKS_PERCENT = /%|\b(?:percent(?:age)?|per cent|pct|proportion)\b/i;

const SMALL = /^(?:of|and|the|for|on|in|&)$/i;

/**
 * Abbreviations an article defines itself: "Ministry of State Security (MSS)" and "MSS (Ministry
 * of State Security)", each letter the initial of a capitalised word (small words skipped).
 */
export function definedAbbreviations(text: string): Map<string, string> {
  const found = new Map<string, string>();
  const initials = (words: readonly string[]) =>
    words
      .filter((word) => !SMALL.test(word))
      .map((word) => word[0] ?? '')
      .join('')
      .toUpperCase();
  for (const match of text.matchAll(
    /((?:[\p{Lu}][\p{L}&'-]*\s+(?:(?:of|and|the|for|on|in|&)\s+)*){1,8})\((\p{Lu}{2,8})s?\)/gu,
  )) {
    const words = (match[1] ?? '').trim().split(/\s+/);
    const short = match[2] ?? '';
    for (let start = 0; start < words.length; start += 1) {
      const tail = words.slice(start);
      if (initials(tail) === short && /^\p{Lu}/u.test(tail[0] ?? '') && !SMALL.test(tail[0] ?? '')) {
        found.set(short.toLowerCase(), tail.join(' '));
        break;
      }
    }
  }
  return found;
}

/**
 * Bridges from a question's words to other wordings: WordNet synonyms and derivations, the
 * article's own abbreviations, number forms and percent forms. `inArticle` keeps only wordings
 * the article uses, so a bridge never adds noise the story can't match (a phrase may lose words
 * at its end: "chief executive officer" bridges to "chief executive").
 */
export function bridgesFor(
  words: readonly string[],
  options: {
    readonly abbreviations: ReadonlyMap<string, string>;
    /** The article's form of a wording, or undefined when the article doesn't use it. */
    readonly inArticle: (wording: string) => string | undefined;
    readonly on?: ReadonlySet<BridgeKind>;
    readonly question?: string;
    /** Whether a word should be bridged through WordNet (default: every word). */
    readonly needsSynonym?: (word: string) => boolean;
  },
): Bridge[] {
  const on = options.on ?? bridgesOn();
  const bridges: Bridge[] = [];
  const add = (from: string, wording: string, kind: BridgeKind) => {
    const to = options.inArticle(wording);
    if (to !== undefined && to !== from && !bridges.some((bridge) => bridge.to === to))
      bridges.push({ from, to, kind });
  };
  const expansions = new Map([...options.abbreviations].map(([short, long]) => [long.toLowerCase(), short]));
  const joined = words.join(' ').toLowerCase();
  if (on.has('abbreviation'))
    for (const [long, short] of expansions) if (joined.includes(long)) add(long, short, 'abbreviation');
  if (on.has('percent') && options.question && ASKS_PERCENT.test(options.question))
    for (const form of PERCENT_WORDS) add('%', form, 'percent');
  for (const raw of words) {
    const word = raw.toLowerCase();
    if (STOP.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    if (on.has('number')) for (const form of numberForms(word)) add(word, form, 'number');
    if (on.has('abbreviation')) {
      const long = options.abbreviations.get(word);
      if (long) add(word, long, 'abbreviation');
    }
    if (on.has('wordnet') && /^\p{L}{3,}$/u.test(word) && (options.needsSynonym?.(word) ?? true)) {
      const net = wordNet();
      for (const synonym of net.synonyms(word, WORDNET_SENSES)) add(word, synonym, 'wordnet');
      for (const derived of net.derivations(word, WORDNET_SENSES)) add(word, derived, 'wordnet');
    }
  }
  return bridges;
}
