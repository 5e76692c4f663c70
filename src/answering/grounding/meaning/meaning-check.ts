import { swappedName } from './name-slots.js';
import type { NlpToken } from '../../../text/nlp.js';
import { oppositeWord } from './opposites.js';
import { flippedWord } from './polarity.js';
import { reversedRole } from './roles.js';
import { strengthChange } from './strength.js';

/** Why a claim that reuses its quote's words still says something else. */
export type MeaningFailure =
  | 'flipped-negation'
  | 'opposite-word'
  | 'swapped-name'
  | 'reversed-roles'
  | 'overstated-certainty'
  | 'widened-scope'
  | 'unsupported-cause';

const STRENGTH: Readonly<Record<'certainty' | 'scope' | 'cause', MeaningFailure>> = {
  certainty: 'overstated-certainty',
  scope: 'widened-scope',
  cause: 'unsupported-cause',
};

/**
 * The meaning rules, each small and tested from both sides: a negation in one and not the other,
 * a WordNet antonym, a name in another's place, roles turned around, a hedge or attribution stated
 * as fact, a scope widened or an outcome settled, a cause the quotes don't give. Compared with the
 * claim's quotes (the evidence it chose), not the whole paragraph. The first change found, or
 * undefined.
 */
export function meaningChange(
  claim: readonly NlpToken[],
  quotes: readonly NlpToken[],
  paragraphs: readonly NlpToken[] = quotes,
): { readonly failure: MeaningFailure; readonly word: string } | undefined {
  const flipped = flippedWord(claim, quotes);
  if (flipped) return { failure: 'flipped-negation', word: flipped };
  const opposite = oppositeWord(claim, quotes);
  if (opposite) return { failure: 'opposite-word', word: opposite };
  const swapped = swappedName(claim, quotes);
  if (swapped) return { failure: 'swapped-name', word: swapped };
  const reversed = reversedRole(claim, quotes);
  if (reversed) return { failure: 'reversed-roles', word: reversed };
  const strength = strengthChange(claim, quotes, paragraphs);
  if (strength) return { failure: STRENGTH[strength.rule], word: strength.word };
  return undefined;
}
