import path from 'node:path';
import { loadArticles } from '../articles/load-articles.js';
import { createStoryLibrary } from '../articles/story-library.js';
import { watchArticleFolder } from '../articles/watch-folder.js';
import { loadPrompts } from '../answering/prompt/prompts.js';
import type { Config } from '../config/load-config.js';
import { createEngine, type EngineDeps } from './create-engine.js';
import { loadTokenBudgetFromConfig } from './from-config.js';
import { createLiveEngine, type LiveEngine } from './live-engine.js';

/**
 * The engine for the long-running modes (Discord bot, console): stories from STORYBOT_DATA_DIR
 * in a library that `/story add|remove` change, and, with STORYBOT_WATCH_DATA, files added to,
 * changed in or deleted from the folder are picked up too. The budget is built once and shared
 * by every rebuild. `stop` ends the watching.
 */
export async function createLiveEngineFromConfig(
  config: Config,
  deps: EngineDeps,
): Promise<{ engine: LiveEngine; stop: () => void }> {
  const dataDir = path.resolve(deps.root, config.STORYBOT_DATA_DIR);
  const [{ articles }, prompts, budget] = await Promise.all([
    loadArticles(dataDir, { logger: deps.logger }),
    deps.prompts ?? loadPrompts(path.resolve(deps.root, 'prompts')),
    deps.loadBudget
      ? deps.loadBudget()
      : loadTokenBudgetFromConfig(config, path.resolve(deps.root, config.STORYBOT_VAR_DIR)),
  ]);
  const library = createStoryLibrary(articles);
  const engine = await createLiveEngine(
    library,
    (current) =>
      createEngine(config, {
        ...deps,
        articles: current,
        prompts,
        loadBudget: () => Promise.resolve(budget),
      }),
    deps.logger,
  );
  const stop = config.STORYBOT_WATCH_DATA
    ? watchArticleFolder({ dir: dataDir, library, logger: deps.logger })
    : () => undefined;
  return { engine, stop };
}
