import type { StoryLibrary } from '../articles/story-library.js';
import type { Article } from '../articles/types.js';
import { UserFacingError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { StoryStore } from '../storage/story-store.js';
import { addStory, type AddStoryOptions } from './add-story.js';
import { removeStoryFiles } from './story-files.js';

/** Adding and removing stories while storybot runs (Discord's `/story`). */
export interface StoryAdmin {
  /** Fetches, saves and loads a story at once; throws a `UserFacingError` saying why it can't. */
  add(source: string, addedBy: string): Promise<Article>;
  /** Deletes a story's files and drops it; throws a `UserFacingError` for an unknown or last story. */
  remove(id: string): Promise<Article>;
  readonly articles: readonly Article[];
}

export interface StoryAdminDeps extends Omit<AddStoryOptions, 'id'> {
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
    async add(source, addedBy) {
      const { article } = await addStory(source, deps);
      library.upsert(article);
      await record(stories.upsert({ ...article, addedBy }));
      return article;
    },
    async remove(id) {
      const article = library.get(id);
      if (!article) throw new UserFacingError(`There is no story "${id}".`, 'unknown_article');
      if (library.articles.length === 1)
        throw new UserFacingError('That is the only story; add another before removing it.', 'story_last');
      await removeStoryFiles(article.file);
      library.remove(id);
      await record(stories.markRemoved(id));
      return article;
    },
  };
}
