import type { Writable } from 'node:stream';
import type { Article } from '../articles/types.js';
import type { Logger } from '../logging/logger.js';
import type { StoryStore } from '../storage/story-store.js';
import { runList } from './run-list.js';
import { runRemove } from './run-remove.js';

export interface StoryCommandDeps {
  readonly articles: readonly Article[];
  readonly stories: StoryStore;
  readonly logger: Logger;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** `storybot list` and `storybot remove`: the composition root's one hook for both. */
export async function runStoryCommand(
  kind: 'list' | 'remove',
  argv: readonly string[],
  deps: StoryCommandDeps,
): Promise<number> {
  if (kind === 'remove') return runRemove(argv, deps);
  return runList(argv, { ...deps, records: await deps.stories.list() });
}
