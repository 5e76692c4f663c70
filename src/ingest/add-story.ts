import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ArticleLoadError } from '../articles/article-load-error.js';
import { decodeBytes, declaredCharset } from '../articles/decode-bytes.js';
import { loadArticleFile } from '../articles/load-article-file.js';
import { parseArticleDetailed } from '../articles/parse-article.js';
import type { Article } from '../articles/types.js';
import { UserFacingError } from '../errors.js';
import { extractArticle, looksPaywalled, type ExtractedArticle } from './extract-article.js';
import { fetchPage, type FetchPageOptions } from './fetch-page.js';
import { freeId, slugify, writeStoryFiles, type StoryMeta } from './story-files.js';

/** Fewer words than this after cleaning is a teaser, not an article. */
const MIN_WORDS = 100;

/** Options for {@link addStory}. */
export interface AddStoryOptions extends FetchPageOptions {
  /** The folder stories are loaded from (`STORYBOT_DATA_DIR`). */
  readonly dataDir: string;
  /** The story's id; default: made from the title, made unique in the folder. */
  readonly id?: string;
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
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source)) {
    const page = await fetchPage(source, options);
    return save(extractArticle(page.html, page.url), options, page.url);
  }
  const file = path.resolve(source);
  if (/\.html?$/i.test(file)) {
    const bytes = await readFile(file).catch((error: unknown) => {
      throw new UserFacingError(
        `${source} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
        'file_unreadable',
      );
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
  const meta: StoryMeta = {
    id,
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
