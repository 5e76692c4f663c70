import { analyze } from '../text/analyzer.js';
import type { RawClaim } from './claims-schema.js';
import { splitSentences } from './sentences.js';
import type { Passage } from '../domain/types.js';

/** Most sentences an extractive answer quotes. */
const MAX_SENTENCES = 3;
const PASSAGES_CONSIDERED = 3;

interface Scored {
  readonly source: number;
  readonly position: number;
  readonly sentence: string;
  readonly score: number;
}

function overlap(sentence: string, terms: ReadonlySet<string>): number {
  let score = 0;
  for (const term of new Set(analyze(sentence))) {
    if (terms.has(term)) score += 1;
    else if ([...terms].some((query) => query.length >= 4 && term.startsWith(query))) score += 0.5;
  }
  return score;
}

/**
 * Answers without a language model: the sentences of the top passages that share the most
 * words with the question, in article order, each a claim quoting itself (so it is verified
 * like any model claim).
 */
export function extractiveAnswer(question: string, passages: readonly Passage[]): RawClaim[] {
  const terms = new Set(analyze(question));
  const scored: Scored[] = passages.slice(0, PASSAGES_CONSIDERED).flatMap((passage, index) =>
    splitSentences(passage.paragraph.text).map((sentence, position) => ({
      source: index + 1,
      position,
      sentence,
      score: overlap(sentence, terms) + 0.3 / (index + 1),
    })),
  );
  const best = scored
    .filter((entry) => entry.score >= 1)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_SENTENCES);
  const chosen = best.length > 0 ? best : scored.slice(0, 1);
  chosen.sort((a, b) => a.source - b.source || a.position - b.position);
  return chosen.map((entry) => ({
    text: entry.sentence,
    quotes: [{ source: entry.source, quote: entry.sentence }],
  }));
}
