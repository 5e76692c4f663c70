import type { AnswerMode } from '../../src/domain/types.js';
import type { LabelledQuestion } from '../../tests/helpers/questions.js';

/** Question kinds whose answer is in the article (they have gold paragraphs). */
export const ANSWERABLE_KINDS: readonly LabelledQuestion['kind'][] = [
  'direct',
  'paraphrase',
  'multi',
  'followup',
  'partial',
  'summary',
  'why',
  'chain',
];

/** Question kinds answered with a friendly reply (greetings, thanks): neither answered nor declined. */
export const SOCIAL_KINDS: readonly LabelledQuestion['kind'][] = ['greeting'];

/** What retrieval did with one question. */
export interface RetrievalOutcome {
  /** The story retrieval chose. */
  readonly story: string;
  /** Paragraph numbers of the chosen story, best first (up to 10); empty when the wrong story was chosen. */
  readonly ranked: readonly number[];
  /** The evidence gate's verdict. */
  readonly relevant: boolean;
  /** The gate's coverage figure (for the trade-off curve). */
  readonly coverage: number;
  /** Prompt tokens with the top k passages, for k = 1, 3, 5 (o200k). */
  readonly promptTokensAtK: Readonly<Record<string, number>>;
  /** Prompt tokens with every paragraph of the story (whole-article stuffing). */
  readonly wholeArticleTokens: number;
}

/** A quote the model sent, and what verification made of it. */
export interface SentQuote {
  readonly quote: string;
  /** Not anywhere in the story: made up. */
  readonly fabricated: boolean;
  /** In the story, but not in the passage the model cited. */
  readonly misattributed: boolean;
  /** Shown to the reader (a shown citation carries this text). */
  readonly shown: boolean;
  /** Shown, pointing at a paragraph that does contain it. */
  readonly correctlyAttributed: boolean;
}

/** A citation the reader saw. */
export interface ShownCitation {
  readonly articleId: string;
  readonly paragraph: number;
  /** The quote is, character for character, in that paragraph of that article. */
  readonly verbatim: boolean;
}

/** What one answering mode did with one question. */
export interface AnswerOutcome {
  readonly mode: AnswerMode;
  /** The reader intent the engine recognised. */
  readonly intent: string;
  /**
   * Right for a reader: the right intent, and then the first quote from a gold paragraph
   * (answerable), a friendly reply with no model call (greetings), or a decline (the rest).
   */
  readonly right: boolean;
  readonly modelCalls: number;
  readonly citations: readonly ShownCitation[];
  readonly sent: readonly SentQuote[];
  /** Prompt tokens of the model requests (o200k), summed over this question's calls. */
  readonly promptTokens: number;
  /** Of those, the tokens the server reported as served from its prompt cache. */
  readonly cachedTokens: number;
  /** Whether every gold paragraph was in the prompt of each model call (null without a call or gold). */
  readonly goldInPrompt: boolean | null;
}

/** Everything measured for one labelled question. */
export interface QuestionOutcome {
  readonly question: LabelledQuestion;
  readonly answerable: boolean;
  /** A greeting or thanks: neither answerable nor to be declined. */
  readonly social: boolean;
  readonly retrieval: RetrievalOutcome;
  readonly llm: AnswerOutcome;
  readonly extractive: AnswerOutcome;
}
