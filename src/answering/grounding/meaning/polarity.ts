import type { NlpToken } from '../../../text/nlp.js';

// A negator before a verb negates the rest of its clause; one before a noun ("no impact",
// "without trial") only that noun.
const CLAUSE_NEGATORS = new Set(['not', "n't", 'never', 'cannot', 'neither', 'nor', 'unable']);
const WORD_NEGATORS = new Set(['no', 'without', 'none']);
// Verbs that negate what follows them: "failed to win", "refused to pay", "denied involvement".
const NEGATING_VERBS = new Set(['fail', 'refuse', 'deny', 'decline']);
const CLAUSE_ENDS = new Set([
  'but',
  'and',
  'or',
  'while',
  'whereas',
  'although',
  'though',
  'because',
  'which',
  'who',
  'whom',
  'despite',
]);
const NEGATIVE_PREFIX = /^un(\p{L}{4,})$/u;
const CONTENT_POS = new Set(['NOUN', 'VERB', 'ADJ', 'ADV']);

/** A word the polarity rule compares: a content word (not a name, which recurs everywhere). */
export const isPolarWord = (token: NlpToken) =>
  token.type === 'word' && !token.stop && CONTENT_POS.has(token.pos) && token.lemma.length > 2;

/**
 * Each content word's polarities in a text: `true` where a negator governs it ("could not be
 * brought" → bring: negated), `false` where none does. A word can have both.
 */
export function polarities(tokens: readonly NlpToken[]): Map<string, Set<boolean>> {
  const found = new Map<string, Set<boolean>>();
  let clause = false;
  let word = false;
  for (const token of tokens) {
    const lower = token.lower;
    if (token.type === 'punctuation' || CLAUSE_ENDS.has(lower)) {
      clause = false;
      word = false;
      continue;
    }
    if (CLAUSE_NEGATORS.has(lower) || NEGATING_VERBS.has(token.lemma)) {
      clause = true;
      continue;
    }
    if (WORD_NEGATORS.has(lower)) {
      word = true;
      continue;
    }
    if (lower === 'longer' && word) {
      clause = true; // "no longer"
      word = false;
      continue;
    }
    if (!isPolarWord(token)) continue;
    // "unlikely" is "likely" negated, so "likely" in a claim differs from "unlikely" in a quote.
    const prefixed = NEGATIVE_PREFIX.exec(token.lemma);
    const lemma = prefixed && ['ADJ', 'ADV'].includes(token.pos) ? (prefixed[1] ?? token.lemma) : token.lemma;
    const negated = (clause || word) !== (lemma !== token.lemma);
    word = false;
    const set = found.get(lemma) ?? new Set<boolean>();
    set.add(negated);
    found.set(lemma, set);
  }
  return found;
}

/** A word whose negation differs: negated in the claim and never in the quotes, or the reverse. */
export function flippedWord(claim: readonly NlpToken[], quotes: readonly NlpToken[]): string | undefined {
  const inQuotes = polarities(quotes);
  for (const [lemma, states] of polarities(claim)) {
    const evidence = inQuotes.get(lemma);
    if (!evidence) continue;
    if ([...states].every((state) => !evidence.has(state))) return lemma;
  }
  return undefined;
}
