import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { UserFacingError } from '../errors.js';
import { addStory, type AddStoryOptions } from '../ingest/add-story.js';
import type { Logger } from '../logging/logger.js';
import type { StoryStore } from '../storage/story-store.js';
import { DEPLOY_COMMANDS } from '../domain/commands.js';

export interface AddDeps {
  readonly dataDir: string;
  readonly allowPrivate: boolean;
  readonly stories: StoryStore;
  readonly logger: Logger;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export const ADD_USAGE = `Usage:
  storybot add <url | file> [--id ID] [--replace]
      a web page (http/https), a saved .html page, or a .txt/.md article. ID is a slug
      (a-z, 0-9, hyphens); an existing id is only replaced with --replace.`;

/**
 * `storybot add`: saves a story into the data folder (a running storybot loads it within
 * seconds) and records it. Exit codes: 0 added, 1 refused (the reason is printed), 2 bad usage.
 */
export async function runAdd(argv: readonly string[], deps: AddDeps): Promise<0 | 1 | 2> {
  let source: string;
  let id: string | undefined;
  let replace: boolean;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        id: { type: 'string' },
        replace: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return write(deps.stdout, ADD_USAGE, 0);
    if (positionals.length !== 1) throw new Error('Give one URL or file to add.');
    source = positionals[0] ?? '';
    id = values.id;
    replace = values.replace ?? false;
  } catch (error) {
    return write(deps.stderr, `${(error as Error).message}\n\n${ADD_USAGE}`, 2);
  }
  const options: AddStoryOptions = {
    dataDir: deps.dataDir,
    allowPrivate: deps.allowPrivate,
    allowFiles: true,
    replace,
    ...(id !== undefined && { id }),
  };
  try {
    const { article, removed } = await addStory(source, options);
    await deps.stories
      .upsert({ ...article, addedBy: 'cli' })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'could not record the story'));
    const words = article.paragraphs.reduce((sum, p) => sum + p.text.split(/\s+/).length, 0);
    const about = [
      article.source,
      article.byline && `by ${article.byline}`,
      article.publishedAt?.slice(0, 10),
    ];
    const lines = [
      `Added "${article.title}" as ${article.id} (${article.paragraphs.length === 1 ? '1 paragraph' : `${article.paragraphs.length} paragraphs`}, ${words} words).`,
      ...(article.url ? [`  from ${article.url}`] : []),
      ...(about.some(Boolean) ? [`  ${about.filter(Boolean).join(' · ')}`] : []),
      `  saved to ${path.relative(process.cwd(), article.file) || article.file} and its .meta.json`,
      ...(removed.length > 0 ? [`  cleaning dropped ${removed.length} line(s) of page furniture`] : []),
      'A running storybot loads it within seconds; otherwise it is loaded at the next start.',
      ...(await discordHint(deps.dataDir)),
    ];
    return write(deps.stdout, lines.join('\n'), 0);
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return write(deps.stderr, `Not added: ${error.message}`, 1);
  }
}

/** With two stories or more, Discord's /ask gains a story option, which must be registered. */
async function discordHint(dataDir: string): Promise<string[]> {
  const stories = (await readdir(dataDir)).filter(
    (name) => /^[^.].*\.(txt|md)$/i.test(name) && !/^readme\.md$/i.test(name),
  );
  if (stories.length < 2) return [];
  return [
    `Discord: with ${stories.length} stories, /ask has a story option. A running bot with DISCORD_APPLICATION_ID`,
    `set registers its commands again by itself; otherwise run \`${DEPLOY_COMMANDS}\` once.`,
  ];
}

function write<T extends number>(stream: Writable, text: string, code: T): T {
  stream.write(`${text}\n`);
  return code;
}
