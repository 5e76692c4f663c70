import type { NlpToken } from '../../../text/nlp.js';

/** Words that make a statement less than certain. */
const HEDGES = new Set([
  'could',
  'may',
  'might',
  'likely',
  'unlikely',
  'possible',
  'possibly',
  'perhaps',
  'probably',
  'probable',
  'appear',
  'seem',
  'reportedly',
  'allegedly',
  'alleged',
  'apparently',
  'potential',
  'potentially',
  'suspect',
  'suspected',
]);
/** Verbs that say a statement is someone's: a claim must keep an attribution when its quote has one. */
const ATTRIBUTIONS = new Set([
  'say',
  'tell',
  'claim',
  'allege',
  'argue',
  'insist',
  'note',
  'warn',
  'believe',
  'think',
  'fear',
  'hope',
  'expect',
  'report',
  'accord',
  'acknowledge',
  'state',
  'hear',
  'suggest',
  'maintain',
  'predict',
  'forecast',
  'estimate',
]);
/** What keeps a claim attributed: any verb of saying, deciding in court or promising. */
const CLAIM_ATTRIBUTIONS = new Set([
  ...ATTRIBUTIONS,
  'accuse',
  'blame',
  'deny',
  'add',
  'rule',
  'describe',
  'vow',
  'pledge',
  'announce',
  'want',
  'call',
  'comment',
  'insist',
  'find',
  'testify',
  'admit',
]);
/** Words of whole scope: a claim may use one only where its quotes do. */
const UNIVERSALS = new Set([
  'all',
  'every',
  'everyone',
  'everything',
  'none',
  'entirely',
  'completely',
  'wholly',
  'totally',
  'always',
  'whole',
  'fully',
  'unanimously',
  'unanimous',
]);
/** Verbs of a settled outcome: "drafted" or "considered" in a quote is not "decided" in a claim. */
const OUTCOMES = new Set([
  'decide',
  'approve',
  'impose',
  'agree',
  'confirm',
  'finalise',
  'finalize',
  'complete',
  'sign',
  'adopt',
  'enact',
  'ratify',
  'accept',
  'authorise',
  'authorize',
  'order',
]);
/** Words that state a cause; a claim may give a cause only where its quotes do. */
const CAUSES = new Set(['because', 'cause', 'due', 'reason', 'thanks', 'therefore', 'consequently']);
const CAUSE_CUES = new Set([
  ...CAUSES,
  'result',
  'since',
  'after',
  'following',
  'amid',
  'prompt',
  'lead',
  'response',
  'back',
  // A reason given as a state of mind: "concerned that retaliation could ...".
  'concern',
  'concerned',
  'worry',
  'worried',
  'fear',
  'fearing',
]);

// Names are not cues: "the State Department" states nothing.
const forms = (tokens: readonly NlpToken[]) =>
  new Set(tokens.filter((token) => token.pos !== 'PROPN').flatMap((token) => [token.lower, token.lemma]));
const verbs = (tokens: readonly NlpToken[]) =>
  new Set(
    tokens.filter((token) => token.pos === 'VERB' || token.lower === 'according').map((token) => token.lemma),
  );
const any = (words: ReadonlySet<string>, set: ReadonlySet<string>) =>
  [...set].some((word) => words.has(word));
const firstIn = (tokens: readonly NlpToken[], set: ReadonlySet<string>) =>
  tokens.find((token) => set.has(token.lower) || set.has(token.lemma))?.text;

/** What a strength rule found: the rule and the claim word (or missing hedge) it hangs on. */
export interface StrengthFinding {
  readonly rule: 'certainty' | 'scope' | 'cause';
  readonly word: string;
}

/**
 * Certainty, scope and cause: a quote's hedge ("could", "is likely to", "allegedly") or
 * attribution ("X said", "X claimed") stated as plain fact; a whole-scope word ("all", "none",
 * "entirely") or settled outcome ("decided", "approved") the quotes don't have; a cause
 * ("because") where the quotes state none.
 */
export function strengthChange(
  claim: readonly NlpToken[],
  quotes: readonly NlpToken[],
  paragraphs: readonly NlpToken[] = quotes,
): StrengthFinding | undefined {
  const said = forms(claim);
  const evidence = forms(quotes);
  if (any(evidence, HEDGES) && !any(said, HEDGES))
    return { rule: 'certainty', word: firstIn(quotes, HEDGES) ?? '' };
  if (any(verbs(quotes), ATTRIBUTIONS) && !any(said, CLAIM_ATTRIBUTIONS) && !any(said, HEDGES))
    return { rule: 'certainty', word: firstIn(quotes, ATTRIBUTIONS) ?? '' };
  const widened = claim.find(
    (token) =>
      (UNIVERSALS.has(token.lower) || OUTCOMES.has(token.lemma)) &&
      !evidence.has(token.lower) &&
      !evidence.has(token.lemma),
  );
  if (widened) return { rule: 'scope', word: widened.text };
  const cause = claim.findIndex((token) => CAUSES.has(token.lower) || CAUSES.has(token.lemma));
  // The cause may sit just outside the quote, in its paragraph; the effect must be what was quoted.
  if (cause >= 0 && (!any(forms(paragraphs), CAUSE_CUES) || !effectQuoted(claim, cause, evidence)))
    return { rule: 'cause', word: claim[cause]!.text };
  return undefined;
}

/**
 * Whether the effect a claim explains ("X because Y": X; "Because Y, X": X) is in its quotes: a
 * true quote about a cause does not support pinning it on an effect the quote never mentions.
 */
function effectQuoted(claim: readonly NlpToken[], cause: number, evidence: ReadonlySet<string>): boolean {
  const comma = claim.findIndex((token, index) => index > cause && token.text === ',');
  const effect = cause === 0 && comma > 0 ? claim.slice(comma + 1) : claim.slice(0, cause);
  const words = effect.filter((token) => token.type === 'word' && !token.stop && token.pos !== 'PROPN');
  const present = words.filter((token) => evidence.has(token.lower) || evidence.has(token.lemma));
  return words.length === 0 || present.length / words.length >= 0.5;
}
