import type { Article } from '../../articles/types.js';
import { splitSentences } from '../extractive/sentences.js';
import type { Passage } from '../../domain/types.js';

const MAX_CHARS = 110;
const COUNT = 3;

function lead(text: string): string {
  const first = splitSentences(text)[0] ?? text;
  if (first.length <= MAX_CHARS) return first;
  const cut = first.slice(0, MAX_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

/**
 * What the article does cover, for a declined question: the openings of the paragraphs that came
 * closest to the question, or else of the article's first paragraphs.
 */
export function suggestTopics(article: Article, nearMisses: readonly Passage[]): string[] {
  const paragraphs =
    nearMisses.length > 0 ? nearMisses.map((passage) => passage.paragraph) : article.paragraphs;
  const picked = [...paragraphs.slice(0, COUNT)].sort((a, b) => a.n - b.n);
  return picked.map((paragraph) => `¶${paragraph.n}: ${lead(paragraph.text)}`);
}
