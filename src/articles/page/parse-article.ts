import path from 'node:path';
import { ArticleLoadError } from '../article-load-error.js';
import { cleanBlocks } from './clean.js';
import { splitFrontMatter } from './front-matter.js';
import { isFurniture } from './furniture.js';
import { validateMeta, type PartialMeta } from './meta.js';
import { binaryJunkReason, collapseSpaces, comparable, normaliseText } from './normalise-text.js';
import { MAX_STORY_ID_LENGTH, slugify, storyIdProblem } from '../story-id.js';
import type { Article } from '../types.js';

/** Options for {@link parseArticle}. */
export interface ParseArticleOptions {
  /** Path of the file the text came from; kept on the article and named in errors. */
  readonly file: string;
  /** Metadata from a sidecar or the caller; wins over front matter. */
  readonly meta?: PartialMeta;
  /** The id when no metadata gives one (default: the file name without extension). */
  readonly defaultId?: string;
}

/** A parsed article and the lines cleaning dropped from it. */
export interface ParsedArticle {
  readonly article: Article;
  readonly removed: string[];
}

/**
 * Parses and cleans one article's text (see data/README.md for the format). Pure: no I/O.
 * Throws {@link ArticleLoadError} naming the file when the text is empty, binary, has
 * unreadable front matter or invalid metadata, or leaves no paragraph after cleaning.
 */
export function parseArticle(text: string, options: ParseArticleOptions): Article {
  return parseArticleDetailed(text, options).article;
}

/** {@link parseArticle}, also returning the furniture lines that were dropped. */
export function parseArticleDetailed(text: string, options: ParseArticleOptions): ParsedArticle {
  const { file } = options;
  if (text.trim() === '') throw new ArticleLoadError(file, 'empty file');
  const junk = binaryJunkReason(text);
  if (junk) throw new ArticleLoadError(file, junk);
  const { meta, body } = readMeta(text, options);
  const blocks = toBlocks(body);
  const removed: string[] = [];
  const title = takeHeadline(blocks, meta.title, removed);
  if (title === undefined) throw new ArticleLoadError(file, 'no headline');
  const cleaned = cleanBlocks(blocks, title);
  if (cleaned.paragraphs.length === 0) throw new ArticleLoadError(file, 'no paragraphs after cleaning');
  const id = meta.id ?? fileId(options.defaultId ?? path.basename(file).replace(/\.[^.]+$/, ''));
  const paragraphs = cleaned.paragraphs.map((paragraph, index) => ({
    articleId: id,
    n: index + 1,
    text: paragraph,
  }));
  return { article: { ...meta, id, title, file, paragraphs }, removed: [...removed, ...cleaned.removed] };
}

/**
 * An id from a file name: kept when it is a slug already, else made one (`My Story` → `my-story`).
 * A recursive load's ids are relative paths (`bbc/tech/001`): each folder name is made a slug.
 */
function fileId(name: string): string {
  return name
    .split('/')
    .map((part) => (storyIdProblem(part) === undefined ? part : slugify(part).slice(0, MAX_STORY_ID_LENGTH)))
    .join('/');
}

/** Front matter split off the normalised text, merged with (and overridden by) the given metadata. */
function readMeta(text: string, options: ParseArticleOptions): { meta: PartialMeta; body: string } {
  try {
    const split = splitFrontMatter(normaliseText(text));
    return { meta: { ...split.meta, ...validateMeta(options.meta ?? {}) }, body: split.body };
  } catch (error) {
    throw new ArticleLoadError(options.file, (error as Error).message, { cause: error });
  }
}

/** Groups trimmed lines into blocks separated by blank lines. */
function toBlocks(body: string): string[][] {
  const blocks: string[][] = [[]];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line !== '') blocks[blocks.length - 1]?.push(line);
    else if (blocks[blocks.length - 1]?.length) blocks.push([]);
  }
  return blocks.filter((block) => block.length > 0);
}

/**
 * Finds the headline (the first line that is not furniture) and removes it from the blocks.
 * When metadata gives a title, that line only counts as the headline if it matches the title;
 * otherwise it stays in the body. Returns the title to use.
 */
function takeHeadline(
  blocks: string[][],
  metaTitle: string | undefined,
  removed: string[],
): string | undefined {
  let first = blocks[0]?.[0];
  while (first !== undefined && isFurniture(first)) {
    removed.push(first);
    shiftLine(blocks);
    first = blocks[0]?.[0];
  }
  if (first === undefined) return metaTitle;
  const headline = collapseSpaces(first.replace(/^#+\s+/, ''));
  if (metaTitle !== undefined && comparable(headline) !== comparable(metaTitle)) return metaTitle;
  shiftLine(blocks);
  return metaTitle ?? headline;
}

function shiftLine(blocks: string[][]): void {
  blocks[0]?.shift();
  if (blocks[0]?.length === 0) blocks.shift();
}
