import type { Article, Paragraph } from '../../articles/types.js';
import type { Nlp } from '../../text/nlp.js';
import type { RawClaim } from '../reply/claims-schema.js';
import type { Passage } from '../../domain/types.js';

/** Paragraphs a summary draws on besides the lead. */
const CENTRAL = 2;

function vector(nlp: Nlp, text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const lemma of nlp.lemmas(text)) counts.set(lemma, (counts.get(lemma) ?? 0) + 1);
  return counts;
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, idf: (t: string) => number) {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [term, count] of a) {
    const weight = count * idf(term);
    normA += weight * weight;
    dot += weight * (b.get(term) ?? 0) * idf(term);
  }
  for (const [term, count] of b) normB += (count * idf(term)) ** 2;
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * The paragraphs a summary is made from: the lead (news is written lead first) and the paragraphs
 * most central to the story (highest TF-IDF similarity to all the others), in article order.
 */
export function summaryParagraphs(nlp: Nlp, article: Article): Paragraph[] {
  const [lead, ...others] = article.paragraphs;
  if (!lead) return [];
  const vectors = article.paragraphs.map((paragraph) => vector(nlp, paragraph.text));
  const df = new Map<string, number>();
  for (const terms of vectors) for (const term of terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const total = vectors.length;
  const idf = (term: string) => Math.log(1 + total / (df.get(term) ?? 1));
  const centrality = others.map((paragraph) => {
    const own = vectors[paragraph.n - 1] ?? new Map<string, number>();
    const sum = vectors.reduce(
      (acc, other, index) => (index === paragraph.n - 1 ? acc : acc + cosine(own, other, idf)),
      0,
    );
    return { paragraph, score: sum };
  });
  const central = centrality
    .sort((a, b) => b.score - a.score)
    .slice(0, CENTRAL)
    .map((entry) => entry.paragraph);
  return [lead, ...central.sort((a, b) => a.n - b.n)];
}

/** Passages for a summary question: the lead first, then the central paragraphs. */
export function summaryPassages(nlp: Nlp, article: Article): Passage[] {
  return summaryParagraphs(nlp, article).map((paragraph, index) => ({
    article,
    paragraph,
    score: 1 / (index + 1),
  }));
}

/** An extractive summary: the lead's first sentence and each central paragraph's first sentence. */
export function extractiveSummary(nlp: Nlp, passages: readonly Passage[]): RawClaim[] {
  return passages.flatMap((passage, index) => {
    const first = nlp.sentences(passage.paragraph.text)[0];
    return first ? [{ text: first.text, quotes: [{ source: index + 1, quote: first.text }] }] : [];
  });
}
