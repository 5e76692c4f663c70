import { runConsole } from '../console/run-console.js';
import { createRuntime } from '../engine/create-runtime.js';
import type { Setup } from './setup.js';

/** The console chat over the live stories (the data folder is watched when STORYBOT_WATCH_DATA). */
export async function launch(setup: Setup): Promise<number> {
  const { config, logger, root, io } = setup;
  const runtime = await createRuntime(config, {
    root,
    logger,
    watch: config.STORYBOT_WATCH_DATA,
    asker: { channelKind: 'console' },
  });
  try {
    await runConsole({
      ...runtime,
      input: io.stdin,
      output: io.stdout,
      maxQuestionLength: config.MAX_QUESTION_LENGTH,
    });
    return 0;
  } finally {
    await runtime.close();
  }
}
