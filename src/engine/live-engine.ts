import type { Article } from '../articles/types.js';
import type { StoryLibrary } from '../articles/story-library.js';
import type { Answerer } from '../domain/types.js';
import type { Logger } from '../logging/logger.js';
import type { Engine } from './create-engine.js';

/** An engine whose stories can change while it runs. */
export interface LiveEngine extends Engine {
  readonly library: StoryLibrary;
  /** Resolves once every change so far is indexed (questions use the new stories from then on). */
  settled(): Promise<void>;
  /** Called after each re-index with the stories now answerable. */
  onReindexed(listener: (articles: readonly Article[]) => void): () => void;
}

/**
 * Keeps an engine in step with a story library: after a change the engine is rebuilt over the
 * new stories in the background, and questions keep going to the previous engine until the new
 * one is ready, so no question waits or fails during a re-index. `articles` is the library's
 * live array.
 */
export async function createLiveEngine(
  library: StoryLibrary,
  build: (articles: readonly Article[]) => Promise<Engine>,
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
    get prompts() {
      return current.prompts;
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
