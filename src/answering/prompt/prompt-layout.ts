import type { Article } from '../../articles/types.js';
import type { Passage, Retrieval, Turn } from '../../domain/types.js';
import type { CountTokens } from '../../text/token-count.js';
import { buildUserMessage, renderPassages } from './build-prompt.js';
import { fillTemplate, type Prompts } from './prompts.js';

/** The prompt for one question, and the passages it numbers (what claims may cite). */
export interface LaidOutPrompt {
  readonly user: string;
  /** The passages in the prompt, numbered 1..n in this order; quotes are verified against them. */
  readonly passages: readonly Passage[];
  /** `story`: every paragraph in article order, then a hint; `retrieved`: the top passages by rank. */
  readonly layout: 'story' | 'retrieved';
}

/** Lays out the model's prompt so that what does not depend on the question comes first, byte for byte. */
export interface PromptLayout {
  /** Counts a story's tokens and decides its layout, once per story (later calls reuse the answer). */
  prepare(article: Article): Promise<LaidOutPrompt['layout']>;
  build(retrieval: Retrieval, question: string, history: readonly Turn[]): Promise<LaidOutPrompt>;
}

export interface PromptLayoutOptions {
  readonly prompts: Prompts;
  /** Most tokens of story paragraphs sent whole (STORYBOT_CONTEXT_BUDGET); 0 always sends the top passages. */
  readonly contextBudget: number;
  readonly countTokens: CountTokens;
}

/**
 * Creates the prompt layout. A story whose paragraphs fit the budget is sent whole, in article
 * order, right after the system prompt: that prefix is identical for every question about the
 * story, so a server with a prompt cache (OpenAI from 1,024 tokens, llama.cpp, Ollama) computes it
 * once. The question-specific parts come last: the conversation, a hint naming the passages
 * retrieval ranked highest, and the question. A longer story gets today's prompt: the top passages
 * in rank order. Each story's tokens are counted once, then remembered.
 */
export function createPromptLayout({
  prompts,
  contextBudget,
  countTokens,
}: PromptLayoutOptions): PromptLayout {
  const fitsByStory = new WeakMap<Article, Promise<boolean>>();
  const storyPassages = (article: Article): Passage[] =>
    article.paragraphs.map((paragraph) => ({ article, paragraph, score: 0 }));
  const fits = (article: Article): Promise<boolean> => {
    const known = fitsByStory.get(article);
    if (known) return known;
    const counted =
      contextBudget <= 0
        ? Promise.resolve(false)
        : countTokens(renderPassages(prompts, storyPassages(article))).then(
            (tokens) => tokens <= contextBudget,
          );
    fitsByStory.set(article, counted);
    return counted;
  };

  return {
    prepare: async (article) => ((await fits(article)) ? 'story' : 'retrieved'),
    async build(retrieval, question, history) {
      const { article } = retrieval;
      if (!(await fits(article))) {
        const user = buildUserMessage(prompts, article, retrieval.passages, question, history);
        return { user, passages: retrieval.passages, layout: 'retrieved' };
      }
      // Scores stay out of the text, so the prefix does not vary; they ride along for the answer's sources.
      const scores = new Map(retrieval.passages.map((passage) => [passage.paragraph.n, passage.score]));
      const passages = storyPassages(article).map((passage) => ({
        ...passage,
        score: scores.get(passage.paragraph.n) ?? 0,
      }));
      const numbers = retrieval.passages
        .map((ranked) => passages.findIndex((passage) => passage.paragraph.n === ranked.paragraph.n) + 1)
        .filter((number) => number > 0)
        .map((number) => `[${number}]`);
      const hint =
        numbers.length > 0 ? `\n${fillTemplate(prompts.hint, { numbers: numbers.join(', ') })}` : '';
      const user = buildUserMessage(prompts, article, passages, question, history, hint);
      return { user, passages, layout: 'story' };
    },
  };
}
