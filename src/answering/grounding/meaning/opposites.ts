import { wordNet } from '../../../text/words/wordnet.js';
import type { NlpToken } from '../../../text/nlp.js';

const POS = new Set(['ADJ', 'ADV', 'VERB', 'NOUN']);

/**
 * A claim word whose WordNet antonym its quotes use instead ("resumed" under "halted", "fell"
 * under "rose", "late" under "early"), or undefined. Only words the quotes lack are looked up.
 */
export function oppositeWord(claim: readonly NlpToken[], quotes: readonly NlpToken[]): string | undefined {
  const evidence = new Set(quotes.flatMap((token) => [token.lower, token.lemma]));
  for (const token of claim) {
    if (token.type !== 'word' || !POS.has(token.pos) || token.lemma.length < 3) continue;
    if (evidence.has(token.lemma) || evidence.has(token.lower)) continue;
    const opposite = wordNet()
      .antonyms(token.lemma, 2)
      .find((word) => evidence.has(word));
    if (opposite) return `${token.text}/${opposite}`;
  }
  return undefined;
}
