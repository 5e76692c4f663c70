import type { Article } from '../articles/types.js';
import type { Passage, Turn } from '../answering/types.js';

/** What to look for: the question, the conversation so far, and optionally which article. */
export interface RetrievalQuery {
  readonly question: string;
  readonly history?: readonly Turn[];
  /** Restrict the search to this article id. */
  readonly articleId?: string;
  /** Passages wanted (default from config). */
  readonly k?: number;
}

/** The passages found for a query, from the one article that best matches it. */
export interface Retrieval {
  readonly article: Article;
  /** Best first. Empty when nothing relevant was found. */
  readonly passages: readonly Passage[];
  /** The evidence gate's verdict: false means the article does not cover the question. */
  readonly relevant: boolean;
  /** Search terms used after stemming, stop words and follow-up expansion (for debugging). */
  readonly terms: readonly string[];
}

/** Finds the paragraphs that answer a question, across every loaded article. */
export interface Retriever {
  readonly articles: readonly Article[];
  retrieve(query: RetrievalQuery): Promise<Retrieval>;
}
