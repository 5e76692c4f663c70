import { loadArticles } from '../articles/load-articles.js';
import { runReport } from '../cli/run-report.js';
import { openRecordsFor } from '../engine/create-runtime.js';
import { fromRoot, type Setup } from './setup.js';

/** `storybot report`: the records, and the stories' titles for headings (no engine). */
export async function launch(setup: Setup, argv: readonly string[]): Promise<number> {
  const { config, logger, root, io } = setup;
  const records = await openRecordsFor(config, root, logger);
  try {
    const titles = new Map((await records.stories.list()).map((story) => [story.id, story.title]));
    const loaded = await loadArticles(fromRoot(setup, config.STORYBOT_DATA_DIR)).catch(() => undefined);
    for (const article of loaded?.articles ?? []) titles.set(article.id, article.title);
    return await runReport(argv, { ...io, client: records.client, titles });
  } finally {
    records.close();
  }
}
