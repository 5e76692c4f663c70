import { LRUCache } from 'lru-cache';
import { visibleTo } from '../articles/ownership.js';
import type { Article } from '../articles/types.js';
import type { Passage, Retriever, RetrievalQuery } from '../domain/types.js';
import { UserFacingError } from '../errors.js';
import { analyze } from '../text/analyzer.js';
import { evidenceGate, sharesSubject, speaksToTheBot } from './evidence-gate.js';
import { createArticleBridges, type ArticleBridges } from './word-bridges.js';
import {
  conversationArticle,
  conversationContext,
  isElliptical,
  isFollowUp,
  lastAnswer,
  lastCited,
} from './follow-up.js';
import { asks, carries, type Asks } from '../text/question-kind.js';
import { reciprocalRankFusion } from './fuse.js';
import { createArticleIndex } from './article-index.js';
import { createParagraphIndex, type LexicalHit, type ParagraphIndex } from './lexical-index.js';
import type { OptionalSemanticSearch } from './semantic-fallback.js';
import type { StoryChoice, WordBridge } from '../domain/types.js';

export interface RetrieverOptions {
  readonly articles: readonly Article[];
  /** Passages returned when a query does not say (default 5). */
  readonly defaultK?: number;
  /** Embedding search to fuse with BM25, when a key is configured. */
  readonly semantic?: OptionalSemanticSearch;
  /** Per-article paragraph indexes kept built at once; others are rebuilt on demand. */
  readonly maxCachedIndexes?: number;
}

/** Stories offered when a question is too vague to pick one. */
const MAX_CHOICES = 5;

interface Picked {
  readonly article: Article;
  readonly choices?: readonly StoryChoice[];
}

/** How a follow-up leans on the conversation. */
interface FollowUpHints {
  readonly context: string;
  /** The last answer's text, searched too when the question names nothing of its own. */
  readonly answer: string;
  readonly weak: boolean;
  /** Names nothing of its own ("Why?"): the last answer's words are searched too. */
  readonly elliptical: boolean;
  readonly cited: ReadonlySet<number>;
  /** A why- or how-question: paragraphs carrying a reason or a means rank higher. */
  readonly wanted: Asks;
  /** The story's other wordings of the question's words, searched at a lower weight. */
  readonly bridged: string;
}

const CITED_BOOST = 1.2;
const CUE_BOOST = 1.3;
const ANSWER_WEIGHT = 0.3;
/** Weight of the bridged wordings' BM25 scores, below the question's own words. */
const BRIDGE_WEIGHT = 0.4;

/** Adds the conversation's weighted BM25 scores to the question's own, for follow-ups. */
function lexicalRanking(
  index: ParagraphIndex,
  own: readonly LexicalHit[],
  hints: FollowUpHints,
): [number, number][] {
  const scores = new Map(own.map((hit) => [hit.n, hit.score]));
  const add = (text: string, weight: number) => {
    if (!text) return;
    for (const hit of index.search(text)) scores.set(hit.n, (scores.get(hit.n) ?? 0) + weight * hit.score);
  };
  add(hints.context, hints.weak ? 0.7 : 0.25);
  add(hints.bridged, BRIDGE_WEIGHT);
  if (hints.elliptical) add(hints.answer, ANSWER_WEIGHT);
  // Preferring paragraphs the last answer did not quote was tried for elliptical follow-ups and
  // changed nothing on the labelled chains (bench/RESULTS.md); the extractive answer avoids repeats.
  for (const n of hints.cited) scores.set(n, (scores.get(n) ?? 0) * CITED_BOOST);
  if (hints.wanted !== 'other') {
    for (const [n, score] of scores) {
      const text = index.article.paragraphs[n - 1]?.text ?? '';
      if (carries(text, hints.wanted)) scores.set(n, score * CUE_BOOST);
    }
  }
  return [...scores.entries()].filter(([, score]) => score > 0).sort((a, b) => b[1] - a[1]);
}

const nonWordNet = (bridges: readonly WordBridge[]) =>
  bridges.filter((bridge) => bridge.kind !== 'wordnet').length;

/** For each question term, the stems of the story's other wordings of it. */
function bridgedTerms(bridges: readonly WordBridge[]): Map<string, string[][]> {
  const map = new Map<string, string[][]>();
  for (const bridge of bridges) {
    const to = analyze(bridge.to);
    for (const term of analyze(bridge.from)) if (to.length > 0) map.set(term, [...(map.get(term) ?? []), to]);
  }
  return map;
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
  const indexes = new LRUCache<string, { index: ParagraphIndex; bridges: ArticleBridges }>({
    max: maxCachedIndexes,
  });

  const indexFor = (article: Article): { index: ParagraphIndex; bridges: ArticleBridges } => {
    const known = indexes.get(article.id);
    if (known) return known;
    const index = createParagraphIndex(article);
    const built = { index, bridges: createArticleBridges(article, index) };
    indexes.set(article.id, built);
    return built;
  };
  const only = articles[0];
  if (!only) throw new Error('createRetriever needs at least one article');
  if (articles.length === 1) indexFor(only);

  const offer = (ids: readonly string[]): StoryChoice[] =>
    ids.flatMap((id) => {
      const article = byId.get(id);
      return article ? [{ id, title: article.title }] : [];
    });

  const pickArticle = (query: RetrievalQuery, weak: boolean, context: string): Picked => {
    const seen = (article: Article | undefined) =>
      article !== undefined && visibleTo(article, query.audience) ? article : undefined;
    const pool = query.audience === undefined ? articles : articles.filter((article) => seen(article));
    const first = pool[0];
    if (query.articleId !== undefined || !first) {
      const chosen = seen(byId.get(query.articleId ?? ''));
      if (!chosen) {
        const known = pool
          .slice(0, 5)
          .map((article) => article.id)
          .join(', ');
        const more = pool.length > 5 ? `, and ${pool.length - 5} more` : '';
        throw new UserFacingError(
          `I don't have a story with the id "${query.articleId}". Stories: ${known}${more}.`,
          'unknown_article',
        );
      }
      return { article: chosen };
    }
    if (!articleIndex || pool.length === 1) return { article: first };
    const previous = conversationArticle(query.history);
    const continued = previous === undefined ? undefined : seen(byId.get(previous));
    // Never a silent pick: a question naming no story, with no conversation to continue, asks which one.
    const firstStories = () => offer(pool.slice(0, MAX_CHOICES).map((article) => article.id));
    if (query.broad) return continued ? { article: continued } : { article: first, choices: firstStories() };
    const text = weak ? `${query.question}\n${context}` : query.question;
    const hits =
      pool === articles
        ? articleIndex.search(text, MAX_CHOICES)
        : articleIndex
            .search(text, articles.length)
            .filter((hit) => seen(byId.get(hit.id)))
            .slice(0, MAX_CHOICES);
    if (continued && (weak || hits.some((hit) => hit.id === previous))) return { article: continued };
    const best = byId.get(hits[0]?.id ?? '');
    if (best) return { article: best };
    return continued ? { article: continued } : { article: first, choices: firstStories() };
  };

  const similarities = async (articleId: string, text: string): Promise<Map<number, number> | undefined> => {
    if (!semantic) return undefined;
    try {
      return await semantic.similarities(articleId, text);
    } catch {
      // The engine wraps embeddings in withSemanticFallback, which logs; this only guards other callers.
      return undefined;
    }
  };

  return {
    articles,
    async retrieve(query) {
      const k = query.k ?? defaultK;
      const terms = analyze(query.question);
      const context = conversationContext(query.history);
      const weak = context !== '' && isFollowUp(query.question, terms);
      const { article, choices } = pickArticle(query, weak, context);
      const { index, bridges: bridging } = indexFor(article);
      const bridges = bridging.bridges(query.question);
      const bridged = bridges.map((bridge) => bridge.to).join('\n');

      const own = index.search(query.question);
      const lexical = lexicalRanking(index, own, {
        context,
        answer: lastAnswer(query.history),
        weak,
        elliptical: weak && isElliptical(query.question, terms),
        cited: weak ? lastCited(query.history, article.id) : new Set(),
        wanted: asks(query.question),
        bridged,
      });

      let ranked = lexical;
      let semanticBest: number | undefined;
      // An embedding failure for one question (404, 429, 5xx, timeout) leaves that question to BM25.
      const similar = await similarities(article.id, weak ? `${query.question}\n${context}` : query.question);
      if (similar) {
        const bySimilarity = [...similar.entries()].sort((a, b) => b[1] - a[1]);
        semanticBest = bySimilarity[0]?.[1];
        const fused = reciprocalRankFusion([lexical.map(([n]) => n), bySimilarity.map(([n]) => n)]);
        ranked = [...fused.entries()].sort((a, b) => b[1] - a[1]);
      }

      const gate =
        terms.length === 0
          ? { relevant: false, coverage: 0 }
          : evidenceGate({
              terms,
              hits: own,
              index,
              addressed: speaksToTheBot(query.question),
              bridged: bridgedTerms(bridges),
              bridgeHits: bridged ? index.search(bridged) : [],
              ...(semanticBest === undefined ? {} : { semanticBest }),
            });
      // A follow-up inherits relevance from the conversation it continues.
      const verdict = gate.relevant || !weak ? gate : { relevant: lexical.length > 0 };

      const passages: Passage[] = [];
      for (const [n, score] of ranked.slice(0, k)) {
        const paragraph = article.paragraphs[n - 1];
        if (paragraph) passages.push({ article, paragraph, score });
      }
      const onSubject = weak || sharesSubject(query.question, terms, index, nonWordNet(bridges));
      // A question on the story's subject that matches no paragraph ("how did he die?") still gets
      // the story's opening paragraphs, so a model (which reads the whole story) can answer it.
      if (passages.length === 0 && onSubject)
        for (const paragraph of article.paragraphs.slice(0, k))
          passages.push({ article, paragraph, score: 0 });
      return {
        article,
        passages,
        relevant: verdict.relevant,
        terms,
        coverage: gate.coverage,
        onSubject,
        ...(bridges.length > 0 && { bridges }),
        ...(weak && { followUp: true }),
        ...(choices && { choices }),
      };
    },
  };
}
