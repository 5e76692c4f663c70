import type { Article } from '../articles/types.js';
import type { StoryLibrary } from '../articles/story-library.js';
import type { Answerer } from '../domain/types.js';
import type { Logger } from '../logging/logger.js';
import type { Retriever } from '../domain/types.js';
import type { StoryIndex } from './index-stories.js';

/** A story index, and how it answers. */
export type ModeIndex = StoryIndex & { readonly modeLine: string };

/** Stories that can change while storybot runs, always answered by their latest index. */
export interface LiveEngine {
  readonly answerer: Answerer;
  /** The library's live list of stories. */
  readonly articles: readonly Article[];
  readonly retriever: Retriever;
  /** One line saying how answers are made (model name, or extractive), for the console and the logs. */
  readonly modeLine: string;
  readonly library: StoryLibrary;
  /** Resolves once every change so far is indexed (questions use the new stories from then on). */
  settled(): Promise<void>;
  /** Called after each re-index with the stories now answerable. */
  onReindexed(listener: (articles: readonly Article[]) => void): () => void;
}

/**
 * Keeps an index in step with a story library: after a change the stories are indexed again in
 * the background, and questions keep going to the previous index until the new one is ready, so
 * no question waits or fails during a re-index. `articles` is the library's live array.
 */
export async function createLiveEngine(
  library: StoryLibrary,
  build: (articles: readonly Article[]) => Promise<ModeIndex>,
  logger: Logger,
): Promise<LiveEngine> {
  let current = await build([...library.articles]);
  let queue: Promise<void> = Promise.resolve();
  let dirty = false;
  const listeners = new Set<(articles: readonly Article[]) => void>();

  const reindex = async () => {
    if (!dirty) return;
    dirty = false;
    const articles = [...library.articles];
    const started = performance.now();
    current = await build(articles);
    logger.info(
      { stories: articles.length, ms: Math.round(performance.now() - started) },
      'stories re-indexed',
    );
    for (const listener of listeners) listener(articles);
  };
  library.onChange(() => {
    dirty = true;
    // One rebuild at a time; changes arriving meanwhile are folded into the next one.
    queue = queue
      .then(reindex)
      .catch((error: unknown) => logger.error({ err: error }, 'could not re-index the stories'));
  });
  const answerer: Answerer = {
    answer: (question, options) => current.answerer.answer(question, options),
    answerStream: (question, options) => current.answerer.answerStream(question, options),
  };
  return {
    get retriever() {
      return current.retriever;
    },
    get modeLine() {
      return current.modeLine;
    },
    answerer,
    articles: library.articles,
    library,
    settled: () => queue,
    onReindexed(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
