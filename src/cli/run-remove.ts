import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Article } from '../articles/types.js';
import { removeStoryFiles } from '../ingest/story-files.js';
import type { Logger } from '../logging/logger.js';
import type { StoryStore } from '../storage/story-store.js';
import { storybotCommand } from '../domain/commands.js';

export interface RemoveDeps {
  readonly articles: readonly Article[];
  readonly stories: StoryStore;
  readonly logger: Logger;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export const REMOVE_USAGE = `Usage:
  storybot remove <id>   deletes a story's files from the data folder (a running storybot drops it)`;

/**
 * `storybot remove <id>`: deletes the story's text and sidecar and records the removal; its
 * questions stay in the records for the report. Exit codes: 0 removed, 1 refused (the last
 * story), 2 bad usage or an unknown id (the ids are listed).
 */
export async function runRemove(argv: readonly string[], deps: RemoveDeps): Promise<0 | 1 | 2> {
  let id: string;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) return write(deps.stdout, REMOVE_USAGE, 0);
    if (positionals.length !== 1) throw new Error('Give the id of one story to remove.');
    id = positionals[0] ?? '';
  } catch (error) {
    return write(deps.stderr, `${(error as Error).message}\n\n${REMOVE_USAGE}`, 2);
  }
  const article = deps.articles.find((candidate) => candidate.id === id);
  if (!article) return write(deps.stderr, unknownStory(id, deps.articles), 2);
  if (deps.articles.length === 1)
    return write(deps.stderr, `Not removed: "${id}" is the only story; add another before removing it.`, 1);
  await removeStoryFiles(article.file);
  await deps.stories
    .markRemoved(id)
    .catch((error: unknown) => deps.logger.error({ err: error }, 'could not record the removal'));
  return write(
    deps.stdout,
    [
      `Removed "${article.title}" (${id}): its files are deleted from the data folder.`,
      'A running storybot drops it within seconds; its questions stay in the report.',
    ].join('\n'),
    0,
  );
}

/** "There is no story X" with the ids there are, for every command that takes a story id. */
export function unknownStory(id: string, articles: readonly Pick<Article, 'id' | 'title'>[]): string {
  const ids = articles.map((article) => `  ${article.id}  ${article.title}`);
  return [
    `There is no story "${id}". The stories are:`,
    ...ids,
    `(${storybotCommand('list')} shows them too.)`,
  ].join('\n');
}

function write<T extends number>(stream: Writable, text: string, code: T): T {
  stream.write(`${text}\n`);
  return code;
}
