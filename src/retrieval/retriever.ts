import { LRUCache } from 'lru-cache';
import type { Article } from '../articles/types.js';
import type { Passage, Retriever, RetrievalQuery } from '../domain/types.js';
import { UserFacingError } from '../errors.js';
import { analyze } from '../text/analyzer.js';
import { evidenceGate } from './evidence-gate.js';
import { conversationArticle, conversationContext, isFollowUp, lastCited } from './follow-up.js';
import { reciprocalRankFusion } from './fuse.js';
import { createArticleIndex } from './article-index.js';
import { createParagraphIndex, type LexicalHit, type ParagraphIndex } from './lexical-index.js';
import type { SemanticSearch } from './semantic-search.js';

export interface RetrieverOptions {
  readonly articles: readonly Article[];
  /** Passages returned when a query does not say (default 5). */
  readonly defaultK?: number;
  /** Embedding search to fuse with BM25, when a key is configured. */
  readonly semantic?: SemanticSearch;
  /** Per-article paragraph indexes kept built at once; others are rebuilt on demand. */
  readonly maxCachedIndexes?: number;
}

/** Adds the conversation's weighted BM25 scores to the question's own, for follow-ups. */
function lexicalRanking(
  index: ParagraphIndex,
  own: readonly LexicalHit[],
  extra: { context: string; weak: boolean; cited: ReadonlySet<number> },
): [number, number][] {
  const scores = new Map(own.map((hit) => [hit.n, hit.score]));
  const add = (text: string, weight: number) => {
    if (!text) return;
    for (const hit of index.search(text)) scores.set(hit.n, (scores.get(hit.n) ?? 0) + weight * hit.score);
  };
  add(extra.context, extra.weak ? 0.7 : 0.25);
  for (const n of extra.cited) scores.set(n, (scores.get(n) ?? 0) * 1.2);
  return [...scores.entries()].filter(([, score]) => score > 0).sort((a, b) => b[1] - a[1]);
}

/**
 * Creates the retriever: picks the story a question is about (BM25 over whole articles when
 * several are loaded), ranks its paragraphs (BM25, fused with embeddings when available),
 * leans on the conversation for follow-ups, and applies the evidence gate.
 */
export function createRetriever({
  articles,
  defaultK = 5,
  semantic,
  maxCachedIndexes = 512,
}: RetrieverOptions): Retriever {
  const byId = new Map(articles.map((article) => [article.id, article]));
  const articleIndex = articles.length > 1 ? createArticleIndex(articles) : undefined;
  const indexes = new LRUCache<string, ParagraphIndex>({ max: maxCachedIndexes });

  const indexFor = (article: Article): ParagraphIndex => {
    const known = indexes.get(article.id);
    if (known) return known;
    const index = createParagraphIndex(article);
    indexes.set(article.id, index);
    return index;
  };
  const first = articles[0];
  if (!first) throw new Error('createRetriever needs at least one article');
  if (articles.length === 1) indexFor(first);

  const pickArticle = (query: RetrievalQuery, weak: boolean, context: string): Article => {
    if (query.articleId !== undefined) {
      const chosen = byId.get(query.articleId);
      if (!chosen) {
        const known = articles
          .slice(0, 5)
          .map((article) => article.id)
          .join(', ');
        const more = articles.length > 5 ? `, and ${articles.length - 5} more` : '';
        throw new UserFacingError(
          `I don't have a story with the id "${query.articleId}". Stories: ${known}${more}.`,
          'unknown_article',
        );
      }
      return chosen;
    }
    if (!articleIndex) return first;
    const previous = conversationArticle(query.history);
    const hits = articleIndex.search(weak ? `${query.question}\n${context}` : query.question, 5);
    if (previous && byId.has(previous) && (weak || hits.some((hit) => hit.id === previous))) {
      return byId.get(previous) ?? first;
    }
    return byId.get(hits[0]?.id ?? '') ?? byId.get(previous ?? '') ?? first;
  };

  return {
    articles,
    async retrieve(query) {
      const k = query.k ?? defaultK;
      const terms = analyze(query.question);
      const context = conversationContext(query.history);
      const weak = context !== '' && isFollowUp(query.question, terms);
      const article = pickArticle(query, weak, context);
      const index = indexFor(article);

      const own = index.search(query.question);
      const lexical = lexicalRanking(index, own, {
        context,
        weak,
        cited: weak ? lastCited(query.history, article.id) : new Set(),
      });

      let ranked = lexical;
      let semanticBest: number | undefined;
      if (semantic) {
        const similarities = await semantic.similarities(
          article.id,
          weak ? `${query.question}\n${context}` : query.question,
        );
        const bySimilarity = [...similarities.entries()].sort((a, b) => b[1] - a[1]);
        semanticBest = bySimilarity[0]?.[1];
        const fused = reciprocalRankFusion([lexical.map(([n]) => n), bySimilarity.map(([n]) => n)]);
        ranked = [...fused.entries()].sort((a, b) => b[1] - a[1]);
      }

      const gate =
        terms.length === 0
          ? { relevant: false }
          : evidenceGate({
              terms,
              hits: own,
              index,
              ...(semanticBest === undefined ? {} : { semanticBest }),
            });
      // A follow-up inherits relevance from the conversation it continues.
      const verdict = gate.relevant || !weak ? gate : { relevant: lexical.length > 0 };

      const passages: Passage[] = [];
      for (const [n, score] of ranked.slice(0, k)) {
        const paragraph = article.paragraphs[n - 1];
        if (paragraph) passages.push({ article, paragraph, score });
      }
      return { article, passages, relevant: verdict.relevant, terms };
    },
  };
}
