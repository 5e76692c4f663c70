import path from 'node:path';
import { ArticleLoadError } from '../articles/article-load-error.js';
import { decodeBytes, declaredCharset } from '../articles/page/decode-bytes.js';
import { loadArticleFile } from '../articles/load-article-file.js';
import { parseArticleDetailed } from '../articles/page/parse-article.js';
import { BoundedReadError, readBounded } from '../articles/read-bounded.js';
import { slugify, storyIdProblem } from '../articles/story-id.js';
import type { Article } from '../articles/types.js';
import { UserFacingError } from '../errors.js';
import { extractArticle, looksPaywalled, type ExtractedArticle } from './extract-article.js';
import { fetchPage, type FetchPageOptions } from './fetch-page.js';
import { findStories, freeId, writeStoryFiles, type StoryMeta } from './story-files.js';

/** Fewer words than this after cleaning is a teaser, not an article. */
const MIN_WORDS = 100;
/** A saved page larger than this is not an article (the same bound as fetched pages). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Options for {@link addStory}. */
export interface AddStoryOptions extends FetchPageOptions {
  /** The folder stories are loaded from (`STORYBOT_DATA_DIR`). */
  readonly dataDir: string;
  /** The story's id; default: made from the title, made unique in the folder. */
  readonly id?: string;
  /**
   * Read local files too (the operator's `storybot add FILE`). Off by default: a source typed in
   * Discord is only ever fetched as an http(s) link, never opened as a path on this machine.
   */
  readonly allowFiles?: boolean;
  /** Replace the story that has this id already (`--replace`); otherwise it is refused. */
  readonly replace?: boolean;
  /** Recorded with the story: see `Article.addedIn` (unset for the operator's stories). */
  readonly addedIn?: string;
  /** Which existing stories count when looking for the same link added before (default: all). */
  readonly sees?: (story: StoryMeta) => boolean;
}

/** A story saved into the data folder, as it will be loaded. */
export interface AddedStory {
  readonly article: Article;
  /** Lines that cleaning dropped (ads, "Read more" links...). */
  readonly removed: readonly string[];
}

/**
 * Adds a story from a web page (http/https URL), a saved HTML page, or an article text file:
 * extracts and cleans it the way article files are cleaned, and writes `<id>.txt` and its
 * `<id>.meta.json` sidecar into the data folder, where a running storybot picks it up.
 * Throws a {@link UserFacingError} saying why a source cannot be added.
 */
export async function addStory(source: string, options: AddStoryOptions): Promise<AddedStory> {
  if (options.id !== undefined) checkId(options.id);
  const isLink = /^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source);
  if (isLink || !options.allowFiles) {
    await refuseKnownUrl(source, options);
    const page = await fetchPage(source, options);
    if (page.url !== source) await refuseKnownUrl(page.url, options);
    return save(extractArticle(page.html, page.url), options, page.url);
  }
  const file = path.resolve(source);
  if (/\.html?$/i.test(file)) {
    const bytes = await readBounded(file, MAX_FILE_BYTES).catch((error: unknown) => {
      const reason =
        error instanceof BoundedReadError ? error.message : (error as NodeJS.ErrnoException).code;
      throw new UserFacingError(`${source} could not be read (${reason ?? 'error'}).`, 'file_unreadable');
    });
    const html = decodeBytes(bytes, declaredCharset(bytes)).text;
    return save(extractArticle(html, source), options);
  }
  const article = await loadArticleFile(file).catch((error: unknown) => {
    throw new UserFacingError(
      `${source} is not a usable article: ${(error as Error).message}`,
      'file_unusable',
      {
        cause: error,
      },
    );
  });
  const paragraphs = article.paragraphs.map((paragraph) => paragraph.text);
  return save({ title: article.title, paragraphs }, options, article.url, article);
}

async function save(
  extracted: ExtractedArticle,
  options: AddStoryOptions,
  url?: string,
  fileMeta?: Partial<StoryMeta>,
): Promise<AddedStory> {
  const { dataDir } = options;
  const id = options.id ?? fileMeta?.id ?? (await freeId(dataDir, slugify(extracted.title)));
  if (!options.replace && (options.id ?? fileMeta?.id) !== undefined) await refuseTakenId(id, dataDir);
  const meta: StoryMeta = {
    id,
    ...optional('addedIn', options.addedIn),
    title: extracted.title,
    ...optional('source', fileMeta?.source ?? extracted.siteName ?? (url && new URL(url).hostname)),
    ...optional('byline', fileMeta?.byline ?? extracted.byline?.replace(/^by\s+/i, '')),
    ...optional('publishedAt', fileMeta?.publishedAt ?? extracted.publishedAt),
    ...optional('url', url),
  };
  const text = [extracted.title, ...extracted.paragraphs].join('\n\n');
  const parsed = parse(text, path.join(dataDir, `${id}.txt`), meta);
  const words = parsed.article.paragraphs.reduce((sum, p) => sum + p.text.split(/\s+/).length, 0);
  if (words < MIN_WORDS) {
    const reason =
      extracted.paywalled === true || looksPaywalled(extracted.paragraphs.join(' '))
        ? 'only a teaser before a subscription wall'
        : 'too little text to be an article';
    throw new UserFacingError(
      `${url ?? 'The page'} has ${reason} (${words} words). Save the full article as a text file and add that file instead.`,
      'article_too_short',
    );
  }
  await writeStoryFiles(dataDir, meta, parsed.article);
  return parsed;
}

function checkId(id: string): void {
  const problem = storyIdProblem(id);
  if (problem) throw new UserFacingError(`The id "${id}" ${problem}.`, 'story_id_invalid');
}

async function refuseTakenId(id: string, dataDir: string): Promise<void> {
  const taken = (await findStories(dataDir)).find((story) => story.id === id);
  if (taken)
    throw new UserFacingError(
      `A story with the id ${id} exists already ("${taken.title}"). Give another --id, or --replace to replace it.`,
      'story_exists',
    );
}

/** The same link added twice says where it is instead of making a silent copy. */
async function refuseKnownUrl(url: string, options: AddStoryOptions): Promise<void> {
  const same = (known: string | undefined) => known !== undefined && withoutHash(known) === withoutHash(url);
  const stories = (await findStories(options.dataDir)).filter((story) => options.sees?.(story) ?? true);
  const known = stories.find((story) => same(story.url));
  if (known && !(options.replace && known.id === options.id))
    throw new UserFacingError(
      `That link was added already, as ${known.id} ("${known.title}").`,
      'story_exists',
    );
}

function withoutHash(url: string): string {
  return url.replace(/#.*$/, '');
}

function parse(text: string, file: string, meta: StoryMeta) {
  try {
    return parseArticleDetailed(text, { file, meta });
  } catch (error) {
    const reason = error instanceof ArticleLoadError ? error.reason : String(error);
    throw new UserFacingError(`The story could not be saved: ${reason}.`, 'article_unusable', {
      cause: error,
    });
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
