import type { Article } from './types.js';

/** What changed in the library. */
export type LibraryChange =
  | { readonly kind: 'added' | 'updated'; readonly article: Article }
  | { readonly kind: 'removed'; readonly article: Article };

/** The stories storybot answers about, changeable while it runs. */
export interface StoryLibrary {
  /**
   * The current stories, sorted by id. A live view: always the same array, updated in place, so a
   * front end holding it sees stories added or removed later.
   */
  readonly articles: readonly Article[];
  get(id: string): Article | undefined;
  /** The story loaded from this file, if any. */
  byFile(file: string): Article | undefined;
  /** Adds a story, or replaces the one with the same id. */
  upsert(article: Article): LibraryChange;
  remove(id: string): LibraryChange | undefined;
  /** Called after every change; returns a function that unsubscribes. */
  onChange(listener: (change: LibraryChange) => void): () => void;
}

/** Creates a library holding the given stories. */
export function createStoryLibrary(initial: readonly Article[]): StoryLibrary {
  const articles: Article[] = [...initial].sort((a, b) => a.id.localeCompare(b.id));
  const listeners = new Set<(change: LibraryChange) => void>();
  const emit = (change: LibraryChange) => {
    for (const listener of listeners) listener(change);
    return change;
  };
  return {
    articles,
    get: (id) => articles.find((article) => article.id === id),
    byFile: (file) => articles.find((article) => article.file === file),
    upsert(article) {
      const index = articles.findIndex((known) => known.id === article.id);
      if (index >= 0) {
        articles[index] = article;
        return emit({ kind: 'updated', article });
      }
      const at = articles.findIndex((known) => known.id.localeCompare(article.id) > 0);
      articles.splice(at < 0 ? articles.length : at, 0, article);
      return emit({ kind: 'added', article });
    },
    remove(id) {
      const index = articles.findIndex((known) => known.id === id);
      const [article] = index >= 0 ? articles.splice(index, 1) : [];
      return article ? emit({ kind: 'removed', article }) : undefined;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
