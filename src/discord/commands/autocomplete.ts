import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { Article } from '../../articles/types.js';
import { truncate } from '../render/limits.js';

/** Discord shows at most 25 choices; names and string values are at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_NAME = 100;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Story choices whose title or id contains what was typed (all stories when nothing matches). */
export function storyChoices(
  articles: readonly Article[],
  typed: string,
): ApplicationCommandOptionChoiceData<string>[] {
  const query = oneLine(typed).toLowerCase();
  const usable = articles.filter((article) => article.id.length <= MAX_NAME);
  const matching = usable.filter(
    (article) => article.title.toLowerCase().includes(query) || article.id.toLowerCase().includes(query),
  );
  return (matching.length > 0 ? matching : usable).slice(0, MAX_CHOICES).map((article) => ({
    name: truncate(oneLine(article.title) || article.id, MAX_NAME),
    value: article.id,
  }));
}

/**
 * Paragraph choices, "¶3: first words…". Digits match paragraph numbers that start with them; words
 * match paragraph text; anything else (or no match) offers the paragraphs from the start, so
 * the list always shows the valid range.
 */
export function paragraphChoices(
  article: Article,
  typed: string | number,
): ApplicationCommandOptionChoiceData<number>[] {
  const query = oneLine(String(typed)).toLowerCase();
  const all = article.paragraphs;
  let matching = all;
  if (/^\d+$/.test(query)) {
    matching = all.filter((paragraph) => String(paragraph.n).startsWith(String(Number(query))));
  } else if (query !== '') {
    matching = all.filter((paragraph) => paragraph.text.toLowerCase().includes(query));
  }
  if (matching.length === 0) matching = all;
  return matching.slice(0, MAX_CHOICES).map((paragraph) => ({
    name: truncate(`¶${paragraph.n}: ${oneLine(paragraph.text)}`, MAX_NAME),
    value: paragraph.n,
  }));
}
