import type { Article } from '../articles/types.js';
import { escapeDelimiters, fillTemplate, type Prompts } from './prompts.js';
import type { Passage, Turn } from '../domain/types.js';

const MAX_HISTORY_ANSWER_CHARS = 600;

function conversationBlock(prompts: Prompts, history: readonly Turn[]): string {
  if (history.length === 0) return '';
  const turns = history
    .map((turn) => {
      const answer = turn.answer.replace(/\s*\[\d+\]/g, '').slice(0, MAX_HISTORY_ANSWER_CHARS);
      return `Reader: ${escapeDelimiters(turn.question)}\nYou: ${escapeDelimiters(answer)}`;
    })
    .join('\n\n');
  return fillTemplate(prompts.conversation, { turns });
}

/** The passages as the prompt shows them, numbered 1..n in the order given, inside no delimiters yet. */
export function renderPassages(prompts: Prompts, passages: readonly Passage[]): string {
  return passages
    .map((passage, index) =>
      fillTemplate(prompts.passage, {
        number: String(index + 1),
        paragraph: `¶${passage.paragraph.n}`,
        text: escapeDelimiters(passage.paragraph.text),
      }),
    )
    .join('\n');
}

/**
 * The user message for one question: the numbered passages inside delimiters, the recent
 * conversation, an optional hint line (src/answering/prompt-layout.ts) and the question, every
 * untrusted piece with its delimiter tags neutralised.
 */
export function buildUserMessage(
  prompts: Prompts,
  article: Article,
  passages: readonly Passage[],
  question: string,
  history: readonly Turn[],
  hint = '',
): string {
  return fillTemplate(prompts.user, {
    title: escapeDelimiters(article.title),
    source: article.source ? ` (${escapeDelimiters(article.source)})` : '',
    passages: renderPassages(prompts, passages),
    conversation: conversationBlock(prompts, history),
    hint,
    question: escapeDelimiters(question),
  });
}
