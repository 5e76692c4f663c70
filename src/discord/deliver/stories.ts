import { visibleTo } from '../../articles/ownership.js';
import type { Article } from '../../articles/types.js';
import { echoUserText } from '../render/safety.js';
import { truncate } from '../render/limits.js';

/** The outcome of a `story` option: an article, none chosen (`undefined`), or a friendly refusal. */
export type StoryChoice =
  | { readonly ok: true; readonly article: Article | undefined }
  | { readonly ok: false; readonly message: string };

/**
 * The stories a server (or, with `null`, a DM) may see: the operator's, those the bot's owner added
 * for every server, and its own; never another server's.
 */
export function storiesIn(articles: readonly Article[], guildId: string | null): readonly Article[] {
  return articles.filter((article) => visibleTo(article, guildId ?? ''));
}

/**
 * Resolves a `story` option: normally an article id picked from autocomplete, but a typed title
 * (or an unambiguous part of one) works too. With one article loaded, it is always that one.
 */
export function chooseStory(articles: readonly Article[], value: string | null): StoryChoice {
  const typed = value?.trim() ?? '';
  if (typed === '') return { ok: true, article: articles.length === 1 ? articles[0] : undefined };
  const lower = typed.toLowerCase();
  const exact =
    articles.find((article) => article.id === typed) ??
    articles.find((article) => article.id.toLowerCase() === lower || article.title.toLowerCase() === lower);
  const partial = articles.filter((article) => article.title.toLowerCase().includes(lower));
  const article = exact ?? (partial.length === 1 ? partial[0] : undefined);
  if (article) return { ok: true, article };
  return {
    ok: false,
    message: `I don't have a story matching “${echoUserText(truncate(typed, 80))}”. Pick one from the list the \`story\` option suggests (or leave it empty).`,
  };
}
