import { runAsk } from '../cli/run-ask.js';
import { createRuntime } from '../engine/create-runtime.js';
import type { Setup } from './setup.js';

/** `storybot ask`: the stories indexed once, every question recorded as asked from the CLI. */
export async function launch(setup: Setup, argv: readonly string[]): Promise<number> {
  const { config, logger, root, io } = setup;
  const runtime = await createRuntime(config, { root, logger, asker: { channelKind: 'cli' } });
  try {
    return await runAsk(argv, {
      ...io,
      answerer: runtime.answerer,
      logger,
      maxQuestionLength: config.MAX_QUESTION_LENGTH,
    });
  } finally {
    await runtime.close();
  }
}
