import type { Article, Paragraph } from '../../articles/types.js';
import { describeReplyFormat } from '../reply/claims-schema.js';
import { escapeDelimiters, fillTemplate, type Prompts } from './prompts.js';
import type { Passage, Turn } from '../../domain/types.js';

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
 * conversation, an optional hint line (src/answering/prompt/prompt-layout.ts) and the question, every
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

/** The answering system prompt, with the reply format described from the claims schema. */
export function buildSystemPrompt(prompts: Prompts): string {
  return fillTemplate(prompts.system, { reply_format: describeReplyFormat() });
}

/** The second-opinion check's system prompt, with its reply format described from its schema. */
export function buildGroundingCheckSystem(prompts: Prompts, replyFormat: string): string {
  return fillTemplate(prompts.groundingCheck, { reply_format: replyFormat });
}

/** The second-opinion check's user message: each claim, numbered, with the question, its quotes, their paragraphs. */
export function buildGroundingCheckMessage(
  prompts: Prompts,
  question: string,
  claims: readonly {
    readonly text: string;
    readonly quotes: readonly string[];
    readonly paragraphs: readonly Paragraph[];
  }[],
): string {
  return claims
    .map((claim, index) =>
      fillTemplate(prompts.groundingClaim, {
        number: String(index + 1),
        question: escapeDelimiters(question),
        text: escapeDelimiters(claim.text),
        quotes: claim.quotes.map((quote) => `"${escapeDelimiters(quote)}"`).join('\n'),
        paragraphs: claim.paragraphs
          .map((paragraph) => `¶${paragraph.n}: ${escapeDelimiters(paragraph.text)}`)
          .join('\n'),
      }),
    )
    .join('\n');
}
