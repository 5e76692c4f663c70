import { loadArticles } from '../articles/load-articles.js';
import { runDeploy } from '../discord/runtime/run-deploy.js';
import { fromRoot, type Setup } from './setup.js';

/** `storybot deploy-commands`: only the story list shapes the commands (the story option), so no engine is built. */
export function launch(setup: Setup): Promise<number> {
  const { config, logger, io } = setup;
  const load = async () =>
    (await loadArticles(fromRoot(setup, config.STORYBOT_DATA_DIR), { logger })).articles;
  return runDeploy({ config, loadArticles: load, stdout: io.stdout, stderr: io.stderr });
}
