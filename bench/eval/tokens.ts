import { countTokens } from 'gpt-tokenizer/model/gpt-4.1-mini';
import { buildSystemPrompt, buildUserMessage } from '../../src/answering/prompt/build-prompt.js';
import type { Prompts } from '../../src/answering/prompt/prompts.js';
import type { Passage, Turn } from '../../src/domain/types.js';
import type { Article } from '../../src/articles/types.js';

/** A chat message as sent to the model. */
export interface SentMessage {
  readonly role: string;
  readonly content: string;
}

/**
 * Prompt tokens of a chat request, counted with gpt-tokenizer's model file for gpt-4.1-mini,
 * which uses the o200k_base encoding and adds the chat format's per-message tokens.
 */
export function chatTokens(messages: readonly SentMessage[]): number {
  return countTokens(messages.map(({ role, content }) => ({ role, content })));
}

/** Prompt tokens of the request the answerer would send with these passages. */
export function promptTokensFor(
  prompts: Prompts,
  article: Article,
  passages: readonly Passage[],
  question: string,
  history: readonly Turn[],
): number {
  const user = buildUserMessage(prompts, article, passages, question, history);
  return chatTokens([
    { role: 'system', content: buildSystemPrompt(prompts) },
    { role: 'user', content: user },
  ]);
}

/** Prompt tokens when the whole article is sent as passages instead of the retrieved few. */
export function wholeArticleTokens(
  prompts: Prompts,
  article: Article,
  question: string,
  history: readonly Turn[],
): number {
  const all = article.paragraphs.map((paragraph) => ({ article, paragraph, score: 0 }));
  return promptTokensFor(prompts, article, all, question, history);
}
