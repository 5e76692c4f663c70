import type { LexicalHit, ParagraphIndex } from './lexical-index.js';

/** The gate's verdict and the figures behind it. */
export interface GateVerdict {
  readonly relevant: boolean;
  /** IDF-weighted share of the question's terms that the article's best paragraphs contain. */
  readonly coverage: number;
  readonly matched: readonly string[];
}

export interface GateInput {
  /** The question's own index terms (no history). */
  readonly terms: readonly string[];
  /** The question's own lexical hits in the article, best first. */
  readonly hits: readonly LexicalHit[];
  readonly index: ParagraphIndex;
  /** Best cosine similarity of the question to a paragraph, when embeddings are on. */
  readonly semanticBest?: number;
}

// Set low on purpose: declining an answerable question is worse than one model call that declines.
// Chit-chat and injection attempts share no informative word with a news article, so they still stop here.
const MIN_COVERAGE = 0.15;
const MIN_SEMANTIC = 0.45;

/**
 * Decides whether the article covers a question well enough to ask the model at all.
 * A question whose informative words the article lacks ("What about Ukraine?") is declined
 * without a model call; one with no informative words at all depends on the conversation.
 */
export function evidenceGate({ terms, hits, index, semanticBest }: GateInput): GateVerdict {
  const unique = [...new Set(terms)];
  if (unique.length === 0) return { relevant: false, coverage: 0, matched: [] };
  const matched = new Set<string>();
  for (const hit of hits.slice(0, 3)) for (const term of hit.matched) matched.add(term);
  const weight = (list: Iterable<string>) => [...list].reduce((sum, term) => sum + index.idf(term), 0);
  const coverage = weight(unique.filter((term) => matched.has(term))) / weight(unique);
  const lexical = matched.size >= 2 || (matched.size === 1 && coverage >= MIN_COVERAGE);
  const semantic = semanticBest !== undefined && semanticBest >= MIN_SEMANTIC;
  return { relevant: lexical || semantic, coverage, matched: [...matched] };
}
