import type { Retrieval, Retriever } from '../../domain/types.js';
import type { Nlp } from '../../text/nlp.js';
import type { ReaderIntent } from './intents.js';
import { candidateQuestions, socialReply, SUGGESTED_QUESTIONS } from './reader-replies.js';

/** The text of a reply that asks which story a vague question is about. */
export function clarifyStoryText(retrieval: Retrieval, social: boolean, total: number): string {
  const count = retrieval.choices?.length ?? 0;
  const list = (retrieval.choices ?? []).map((choice, index) => `${index + 1}. ${choice.title}`).join('\n');
  const opening = social
    ? `Hi! I answer questions about the news stories I have loaded, quoting each word for word.`
    : `I have several stories loaded, and that question could be about any of them.`;
  const more = total > count ? ` (${count} of ${total} shown)` : '';
  return `${opening} Which story do you mean${more}?\n${list}`;
}

/**
 * Questions the article can answer, checked: each candidate must pass the evidence gate for
 * this article (the summary question always can), and the first three that do are suggested.
 */
export async function checkedQuestions(
  nlp: Nlp,
  retriever: Retriever,
  retrieval: Retrieval,
): Promise<string[]> {
  const picked: string[] = [];
  for (const [index, question] of candidateQuestions(nlp, retrieval.article).entries()) {
    if (picked.length >= SUGGESTED_QUESTIONS) break;
    if (index === 0) {
      picked.push(question);
      continue;
    }
    const check = await retriever.retrieve({ question, articleId: retrieval.article.id });
    if (check.relevant && check.passages.length > 0) picked.push(question);
  }
  return picked;
}

/** The friendly reply to a greeting, thanks, "who are you" or "what can you do", with three questions. */
export async function socialText(
  intent: ReaderIntent,
  nlp: Nlp,
  retriever: Retriever,
  retrieval: Retrieval,
): Promise<string> {
  if (retrieval.choices) return clarifyStoryText(retrieval, true, retriever.articles.length);
  return socialReply(intent, retrieval.article.title, await checkedQuestions(nlp, retriever, retrieval));
}
