import { runStoryCommand } from '../cli/story-commands.js';
import { loadArticles } from '../articles/load-articles.js';
import { openRecordsFor } from '../engine/create-runtime.js';
import { fromRoot, type Setup } from './setup.js';

/** `storybot list` and `storybot remove`: the records (who added what) and the data folder, no engine. */
export function launch(kind: 'list' | 'remove') {
  return async (setup: Setup, argv: readonly string[]): Promise<number> => {
    const { config, logger, root, io } = setup;
    const records = await openRecordsFor(config, root, logger);
    try {
      const { articles } = await loadArticles(fromRoot(setup, config.STORYBOT_DATA_DIR));
      return await runStoryCommand(kind, argv, { ...io, articles, stories: records.stories, logger });
    } finally {
      records.close();
    }
  };
}
