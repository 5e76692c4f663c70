import type { Prompts } from '../../src/answering/prompt/prompts.js';
import type { Answer, Turn } from '../../src/domain/types.js';
import type { Article } from '../../src/articles/types.js';
import type { LabelledQuestion } from '../../tests/helpers/questions.js';
import { readPrompt } from '../../tests/helpers/quoting-model.js';
import type { EvalEngines, ModelCall } from './engines.js';
import { quoteCovers } from './metrics.js';
import { chatTokens, promptTokensFor, wholeArticleTokens } from './tokens.js';
import {
  ANSWERABLE_KINDS,
  SOCIAL_KINDS,
  type AnswerOutcome,
  type QuestionOutcome,
  type RetrievalOutcome,
  type SentQuote,
} from './types.js';

/** What evaluating a question needs besides the question. */
export interface EvalContext {
  readonly engines: EvalEngines;
  readonly prompts: Prompts;
  readonly story: Article;
  readonly byId: ReadonlyMap<string, Article>;
}

/** The conversation a follow-up continues, one per answering mode, as the bot records it. */
export interface Turns {
  readonly extractive: readonly Turn[];
  readonly llm: readonly Turn[];
}

/** The passage numbers at which prompt sizes are measured. */
export const TOKEN_KS = [1, 3, 5] as const;

const turnOf = (answer: Answer): Turn => ({
  question: answer.question,
  answer: answer.text,
  cited: answer.citations.map(({ articleId, paragraph }) => ({ articleId, paragraph })),
});

function sentQuotes(
  calls: readonly ModelCall[],
  answer: Answer,
  byId: ReadonlyMap<string, Article>,
): SentQuote[] {
  const article = byId.get(answer.article.id);
  const inArticle = (quote: string) =>
    article?.paragraphs.some((paragraph) => paragraph.text.includes(quote)) ?? false;
  return calls.flatMap((call) => {
    const { passages } = readPrompt(call.body);
    const reply = JSON.parse(call.content) as { citations?: { source: number; quote: string }[] };
    return (reply.citations ?? []).map(({ source, quote }) => {
      const shown = answer.citations.filter((citation) => quoteCovers(quote, citation.quote));
      const fabricated = !inArticle(quote);
      return {
        quote,
        fabricated,
        misattributed:
          !fabricated &&
          !(passages.find((passage) => passage.number === source)?.text.includes(quote) ?? false),
        shown: shown.length > 0,
        correctlyAttributed: shown.some((citation) =>
          isVerbatim(byId, citation.articleId, citation.paragraph, citation.quote),
        ),
      };
    });
  });
}

function isVerbatim(
  byId: ReadonlyMap<string, Article>,
  articleId: string,
  paragraph: number,
  quote: string,
): boolean {
  const text = byId.get(articleId)?.paragraphs[paragraph - 1]?.text;
  return quote.trim() !== '' && text?.includes(quote) === true;
}

function isRight(labelled: LabelledQuestion, answer: Answer, calls: number, storyId: string): boolean {
  if ((answer.intent ?? 'question') !== (labelled.intent ?? 'question')) return false;
  if (SOCIAL_KINDS.includes(labelled.kind)) return answer.mode === 'reply' && calls === 0;
  if (labelled.gold.length === 0) return answer.mode === 'declined';
  const first = answer.citations[0];
  return first?.articleId === storyId && labelled.gold.includes(first.paragraph);
}

function goldInPrompt(calls: readonly ModelCall[], gold: readonly number[]): boolean | null {
  if (calls.length === 0 || gold.length === 0) return null;
  return calls.every((call) => {
    const sent = new Set(readPrompt(call.body).passages.map((passage) => passage.paragraph));
    return gold.every((n) => sent.has(`¶${n}`));
  });
}

function describe(
  labelled: LabelledQuestion,
  answer: Answer,
  calls: readonly ModelCall[],
  context: EvalContext,
): AnswerOutcome {
  const { byId } = context;
  return {
    mode: answer.mode,
    intent: answer.intent ?? 'question',
    right: isRight(labelled, answer, calls.length, context.story.id),
    modelCalls: calls.length,
    citations: answer.citations.map(({ articleId, paragraph, quote }) => ({
      articleId,
      paragraph,
      verbatim: isVerbatim(byId, articleId, paragraph, quote),
    })),
    sent: sentQuotes(calls, answer, byId),
    promptTokens: calls.reduce((sum, call) => sum + chatTokens(call.body.messages), 0),
    cachedTokens: answer.usage.cachedTokens ?? 0,
    goldInPrompt: goldInPrompt(calls, labelled.gold),
  };
}

async function retrievalOf(
  context: EvalContext,
  question: string,
  history: readonly Turn[],
  answer: Answer,
): Promise<RetrievalOutcome> {
  const { engines, prompts, story } = context;
  const found = await engines.retriever.retrieve({ question, history, k: 10 });
  // Summaries are answered from the lead and central paragraphs, not from a search: rank what was used.
  const retrieval =
    answer.intent === 'summary'
      ? { ...found, article: story, passages: answer.retrieved, relevant: true }
      : found;
  const onStory = retrieval.article.id === story.id;
  const promptTokensAtK = Object.fromEntries(
    TOKEN_KS.map((k) => [
      String(k),
      promptTokensFor(prompts, retrieval.article, retrieval.passages.slice(0, k), question, history),
    ]),
  );
  return {
    story: retrieval.article.id,
    ranked: onStory ? retrieval.passages.map((passage) => passage.paragraph.n) : [],
    relevant: retrieval.relevant,
    coverage: found.coverage ?? 0,
    promptTokensAtK,
    wholeArticleTokens: wholeArticleTokens(prompts, story, question, history),
  };
}

/**
 * Asks one labelled question in both modes and retrieves it on its own, continuing the
 * conversation of `first` for the second question of a follow-up pair.
 */
export async function evaluateQuestion(
  context: EvalContext,
  labelled: LabelledQuestion,
  first: Turns | undefined,
): Promise<{ outcome: QuestionOutcome; turns: Turns }> {
  const { engines } = context;
  const question = labelled.question;
  const extractiveHistory = first?.extractive ?? [];
  const extractive = await engines.extractive.answer({ question, history: extractiveHistory });
  const before = engines.calls.length;
  const llmHistory = first?.llm ?? [];
  const llm = await engines.llm.answer({ question, history: llmHistory });
  const calls = engines.calls.slice(before);
  // Retrieval is measured as the bot without a key would run it: after the extractive answers to the earlier questions.
  const retrieval = await retrievalOf(context, question, extractiveHistory, extractive);
  return {
    outcome: {
      question: labelled,
      answerable: ANSWERABLE_KINDS.includes(labelled.kind),
      social: SOCIAL_KINDS.includes(labelled.kind),
      retrieval,
      llm: describe(labelled, llm, calls, context),
      extractive: describe(labelled, extractive, [], context),
    },
    turns: {
      extractive: [...extractiveHistory, turnOf(extractive)],
      llm: [...llmHistory, turnOf(llm)],
    },
  };
}
