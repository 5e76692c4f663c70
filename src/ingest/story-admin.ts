import type { StoryLibrary } from '../articles/story-library.js';
import { visibleTo } from '../articles/ownership.js';
import { EVERY_SERVER, type Article } from '../articles/types.js';
import { UserFacingError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { StoryStore } from '../storage/story-store.js';
import { addStory, type AddStoryOptions } from './add-story.js';
import { removeStoryFiles } from './story-files.js';

/** Who adds a story from Discord, and for whom. */
export interface StoryAdder {
  /** Recorded in the database: a hashed Discord user. */
  readonly addedBy: string;
  /** The server it is for (only that server sees it), or `EVERY_SERVER` (the bot's owner only). */
  readonly addedIn: string;
}

/** Adding and removing stories while storybot runs (Discord's `/story`). */
export interface StoryAdmin {
  /**
   * Fetches (http/https only, never a local file), saves and loads a story at once, owned by
   * `by.addedIn`; throws a `UserFacingError` saying why it can't (the same link added before names it).
   */
  add(source: string, by: StoryAdder): Promise<Article>;
  /**
   * Deletes a story added from Discord and drops it; throws a `UserFacingError` for an unknown or
   * last story, and for the operator's stories (files in the data folder), which Discord never changes.
   * Which server may remove which story is the caller's check (`removalRefusal`).
   */
  remove(id: string): Promise<Article>;
  readonly articles: readonly Article[];
}

export interface StoryAdminDeps extends Omit<
  AddStoryOptions,
  'id' | 'allowFiles' | 'replace' | 'addedIn' | 'sees'
> {
  readonly library: StoryLibrary;
  readonly stories: StoryStore;
  readonly logger: Logger;
}

/**
 * Creates the story admin. A story added here is in the library (and so re-indexed) as soon as
 * its files are written, without waiting for the folder watcher.
 */
export function createStoryAdmin(deps: StoryAdminDeps): StoryAdmin {
  const { library, stories, logger } = deps;
  const record = (task: Promise<void>) =>
    task.catch((error: unknown) => logger.error({ err: error }, 'could not record the story'));
  return {
    articles: library.articles,
    async add(source, { addedBy, addedIn }) {
      const audience = addedIn === EVERY_SERVER ? undefined : addedIn;
      const { article } = await addStory(source, {
        dataDir: deps.dataDir,
        ...(deps.allowPrivate !== undefined && { allowPrivate: deps.allowPrivate }),
        ...(deps.timeoutMs !== undefined && { timeoutMs: deps.timeoutMs }),
        ...(deps.maxBytes !== undefined && { maxBytes: deps.maxBytes }),
        addedIn,
        sees: (story) => visibleTo(story, audience),
      });
      library.upsert(article);
      await record(stories.upsert({ ...article, addedBy }));
      return article;
    },
    async remove(id) {
      const article = library.get(id);
      if (!article) throw new UserFacingError(`There is no story "${id}".`, 'unknown_article');
      if (article.addedIn === undefined)
        throw new UserFacingError(
          `${id} is one of the operator's stories; only the operator can remove it, on the bot's machine.`,
          'story_not_yours',
        );
      if (library.articles.length === 1)
        throw new UserFacingError('That is the only story; add another before removing it.', 'story_last');
      await removeStoryFiles(article.file);
      library.remove(id);
      await record(stories.markRemoved(id));
      return article;
    },
  };
}
