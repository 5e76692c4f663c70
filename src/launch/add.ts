import { runAdd } from '../cli/run-add.js';
import { openRecordsFor } from '../engine/create-runtime.js';
import { fromRoot, type Setup } from './setup.js';

/** `storybot add`: needs the records (who added what) and the data folder, no engine. */
export async function launch(setup: Setup, argv: readonly string[]): Promise<number> {
  const { config, logger, root, io } = setup;
  const records = await openRecordsFor(config, root, logger);
  try {
    const dataDir = fromRoot(setup, config.STORYBOT_DATA_DIR);
    const allowPrivate = config.STORYBOT_ALLOW_PRIVATE_URLS;
    return await runAdd(argv, { ...io, dataDir, allowPrivate, stories: records.stories, logger });
  } finally {
    records.close();
  }
}
