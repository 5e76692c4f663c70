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
  /** The question is about a story as a whole (a summary, a greeting): it names no topic to pick a story by. */
  readonly broad?: boolean;
}

/** A story a reader can choose when a question is too vague to pick one. */
export interface StoryChoice {
  readonly id: string;
  readonly title: string;
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
  /** The gate's evidence: IDF-weighted share of the question's terms the best paragraphs hold exactly. */
  readonly coverage?: number;
  /** The question leans on the conversation (an elliptical follow-up such as "Why?"). */
  readonly followUp?: boolean;
  /**
   * Set when several stories are loaded and the question is too vague to pick one (no story named,
   * no conversation to continue): the stories to ask the reader to choose from, best first.
   */
  readonly choices?: readonly StoryChoice[];
}

/** Finds the paragraphs that answer a question, across every loaded article. */
export interface Retriever {
  readonly articles: readonly Article[];
  retrieve(query: RetrievalQuery): Promise<Retrieval>;
}
