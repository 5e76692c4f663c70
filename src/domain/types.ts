/**
 * The shared domain: what a question, a retrieval and an answer are, and the engine's two seams
 * (Retriever, Answerer). Retrieval and answering both depend on this module, never on each other.
 */
import type { Article, ArticleMeta, Paragraph } from '../articles/types.js';
import type { Asker } from '../storage/question-log.js';

/** One exchange of a conversation, kept so follow-up questions can be understood. */
export interface Turn {
  readonly question: string;
  readonly answer: string;
  /** Articles and paragraphs the answer cited, so "why?" can look near them. */
  readonly cited?: readonly { readonly articleId: string; readonly paragraph: number }[];
}

/** A paragraph found for a question, with its fused score (higher is better). */
export interface Passage {
  readonly article: Article;
  readonly paragraph: Paragraph;
  readonly score: number;
}

/** How an answer was produced: a friendly `reply` (greeting, which story?) quotes nothing. */
export type AnswerMode = 'llm' | 'extractive' | 'declined' | 'reply';

/** A quote shown to the user: always verified verbatim against the article. */
export interface Citation {
  /** The marker number used in the answer text: [n]. */
  readonly n: number;
  readonly articleId: string;
  /** The paragraph number ¶n in that article. */
  readonly paragraph: number;
  /** The quote exactly as it appears in the paragraph text. */
  readonly quote: string;
  readonly verified: true;
}

/** One claim shown to a reader: its text (markers [n] placed by code after the claim) and its verified citations. */
export interface ShownClaim {
  /** E.g. "The U.S. paused the sanctions to protect the truce [1]." */
  readonly text: string;
  /** The verified quotes backing it, numbered like `Answer.citations`. */
  readonly citations: readonly Citation[];
}

/** Claims removed by grounding: how many, and why (distinct reasons, reader-facing). */
export interface Removed {
  readonly count: number;
  readonly reasons: readonly string[];
}

export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Prompt tokens the server served from its prompt cache (billed cheaper), when it reports them. */
  readonly cachedTokens?: number;
}

/** No model tokens: extractive answers, replies without a model call. */
export const NO_USAGE: Usage = Object.freeze({ promptTokens: 0, completionTokens: 0 });

/** Where an answer's time went, in milliseconds. */
export interface Timings {
  readonly retrieval: number;
  /** Waiting for the language model (a free slot, then its reply); 0 without one. */
  readonly llm: number;
  /** Work done here: retrieval, prompt layout and token counts, NLP, grounding (total minus llm). */
  readonly local?: number;
  readonly total: number;
}

/** Why an answer ended before the model finished writing it. */
export interface Interruption {
  /**
   * `stopped`: the asker pressed Stop, the front end gave up on the question, or the bot shut down;
   * `cut-short`: the model failed partway, after some claims were verified and shown.
   */
  readonly kind: 'stopped' | 'cut-short';
  /** For `cut-short`: the failure's code, e.g. `llm_unreachable` (the connection dropped). */
  readonly code?: string;
}

/** The engine's reply to one question. */
export interface Answer {
  readonly question: string;
  readonly mode: AnswerMode;
  /** The answer with inline markers [n] matching `citations`: the claims' texts joined. */
  readonly text: string;
  /** The claims shown, each verified (empty for a declined answer). */
  readonly claims: readonly ShownClaim[];
  readonly citations: readonly Citation[];
  /** Claims the model wrote that grounding removed. */
  readonly removed: Removed;
  /** The part of the question the article doesn't answer, as the model put it. */
  readonly notCovered?: string;
  readonly retrieved: readonly Passage[];
  /** The article the answer is about (the best-matching one when several are loaded). */
  readonly article: ArticleMeta;
  /** Notes for the reader: extractive mode, an unverifiable claim left out, a capped question. */
  readonly notes: readonly string[];
  /** For declined answers: what the article does cover. */
  readonly suggestions: readonly string[];
  readonly usage: Usage;
  readonly timingsMs: Timings;
  /**
   * What the reader wanted: 'question', 'summary', 'greeting', 'thanks', 'about-bot', 'capabilities'
   * or 'clarify-story'.
   */
  readonly intent?: string;
  /** For `intent: 'clarify-story'`: the stories to choose from; ask again with the chosen `articleId`. */
  readonly choices?: readonly StoryChoice[];
  /** Set when the answer ended early: it holds only the claims verified before that (see `notes`). */
  readonly interrupted?: Interruption;
}

/** A question to the engine. */
export interface Question {
  readonly question: string;
  readonly history?: readonly Turn[];
  /** Restrict to one article by id. */
  readonly articleId?: string;
  /** How many passages to retrieve and show the model. */
  readonly k?: number;
  /**
   * Who asks, for story ownership: a Discord server's id, or `''` for a DM. Stories another server
   * added are then never searched, offered or named. Unset: every story (the operator's front ends).
   */
  readonly audience?: string;
}

/** Streamed answer events: only verified claims are ever yielded. */
export type AnswerEvent =
  | { readonly type: 'claim'; readonly claim: ShownClaim }
  /** The final answer: identical to what `answer()` returns. */
  | { readonly type: 'done'; readonly answer: Answer };

/** How a front end asks. */
export interface AnswerOptions {
  /** Cancels the model call when the front end gives up on the question. */
  readonly signal?: AbortSignal;
  /** Who asked, for the questions log (the front end's default when unset). */
  readonly asker?: Asker;
  /**
   * The conversation the question belongs to (a DM, a thread, the console): what the reader was
   * already told (e.g. that answers turned extractive) is kept per conversation.
   */
  readonly conversation?: string;
}

/** The answer engine: the core every front end uses. */
export interface Answerer {
  /**
   * Answers one question. A model failure after claims were verified keeps them (`interrupted`
   * cut-short); one before any falls back to an extractive answer that says why. A cancelled
   * `signal` ends the answer at once with the claims verified so far (`interrupted` stopped), without
   * any fallback work.
   */
  answer(question: Question, options?: AnswerOptions): Promise<Answer>;
  /**
   * Yields each claim as soon as it is complete and checked, then 'done' (the same answer `answer`
   * gives, interruptions included). Servers that can't stream: one 'done'.
   */
  answerStream(question: Question, options?: AnswerOptions): AsyncIterable<AnswerEvent>;
}

/** What to look for: the question, the conversation so far, and optionally which article. */
/** A story a reader can choose when a question is too vague to pick one. */
export interface StoryChoice {
  readonly id: string;
  readonly title: string;
}

export interface RetrievalQuery {
  readonly question: string;
  readonly history?: readonly Turn[];
  /** The question is about a story as a whole (a summary, a greeting): it names no topic to pick a story by. */
  readonly broad?: boolean;
  /** Restrict the search to this article id. */
  readonly articleId?: string;
  /** Passages wanted (default from config). */
  readonly k?: number;
  /** Only stories visible to this audience are searched (see `Question.audience`). */
  readonly audience?: string;
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
  /** How to answer it: `summary` when the reader asked for the story's gist (lead and central paragraphs). */
  readonly strategy?: 'summary';
  /**
   * The question shares at least one word (or bridged wording) with the story and is no attempt
   * to instruct the bot: with a model, such a question goes to the model, which says what isn't covered.
   */
  readonly onSubject?: boolean;
  /** Other wordings of the question's words that the story uses (WordNet, abbreviations, numbers, percent). */
  readonly bridges?: readonly WordBridge[];
}

/** A reader's word and the story's wording of it. */
export interface WordBridge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'wordnet' | 'abbreviation' | 'number' | 'percent';
}

/** Finds the paragraphs that answer a question, across every loaded article. */
export interface Retriever {
  readonly articles: readonly Article[];
  retrieve(query: RetrievalQuery): Promise<Retrieval>;
}
