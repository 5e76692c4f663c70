import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Logger } from '../logging/logger.js';
import { ArticleLoadError } from './article-load-error.js';
import { loadArticleFileDetailed, sidecarPath } from './load-article-file.js';
import type { ParsedArticle } from './page/parse-article.js';
import type { Article } from './types.js';

/** Options for {@link loadArticles}. */
export interface LoadArticlesOptions {
  /** Skipped files are reported with `warn`, dropped furniture lines with `debug`. */
  readonly logger?: Logger;
  /** Also load articles in subfolders; default ids are then relative paths, e.g. `bbc/tech/001`. */
  readonly recursive?: boolean;
  /** Files read at once (default 64). */
  readonly concurrency?: number;
}

/** The usable articles of a folder and one warning per skipped file. */
export interface LoadResult {
  readonly articles: Article[];
  readonly warnings: string[];
}

const ARTICLE_FILE = /\.(txt|md)$/i;

/**
 * Loads every `*.txt` / `*.md` article in a folder (not README.md), sorted by path. A bad file is
 * skipped with a warning naming it; a duplicate id keeps the first file. Throws
 * {@link ArticleLoadError} when the folder is missing or unreadable or holds no usable article.
 */
export async function loadArticles(dir: string, options: LoadArticlesOptions = {}): Promise<LoadResult> {
  const { logger, recursive = false, concurrency = 64 } = options;
  const listed = await listFiles(dir, recursive);
  const names = new Set(listed);
  const files = listed
    .filter((name) => ARTICLE_FILE.test(name) && !/^readme\.md$/i.test(path.basename(name)))
    .sort();
  if (files.length === 0) throw new ArticleLoadError(dir, 'no article files (*.txt or *.md) in this folder');
  const loaded = await pLimit(concurrency).map(files, async (name) => {
    const file = path.join(dir, name);
    const defaultId = name.split(path.sep).join('/').replace(ARTICLE_FILE, '');
    try {
      return await loadArticleFileDetailed(file, { defaultId, hasSidecar: names.has(sidecarPath(name)) });
    } catch (error) {
      if (error instanceof ArticleLoadError) return error;
      return new ArticleLoadError(file, `could not be loaded: ${String(error)}`, { cause: error });
    }
  });
  const result = collect(loaded, logger);
  if (result.articles.length === 0) {
    const shown = result.warnings.slice(0, 5).join('; ');
    throw new ArticleLoadError(
      dir,
      `no usable article (${files.length === 1 ? '1 file' : `${files.length} files`} skipped: ${shown}${files.length > 5 ? '; ...' : ''})`,
    );
  }
  return result;
}

function collect(loaded: readonly (ParsedArticle | ArticleLoadError)[], logger?: Logger): LoadResult {
  const articles: Article[] = [];
  const warnings: string[] = [];
  const byId = new Map<string, string>();
  const warn = (file: string, reason: string): void => {
    warnings.push(`${file}: ${reason}; skipped`);
    logger?.warn({ file, reason }, 'article skipped');
  };
  for (const item of loaded) {
    if (item instanceof ArticleLoadError) {
      warn(item.path, item.reason);
      continue;
    }
    const { article, removed } = item;
    const first = byId.get(article.id);
    if (first !== undefined) {
      warn(article.file, `duplicate id "${article.id}" (already used by ${first})`);
      continue;
    }
    byId.set(article.id, article.file);
    articles.push(article);
    if (removed.length > 0) logger?.debug({ file: article.file, removed }, 'dropped page furniture');
  }
  return { articles, warnings };
}

async function listFiles(dir: string, recursive: boolean): Promise<string[]> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new ArticleLoadError(dir, 'not a folder');
    const entries = await readdir(dir, { recursive, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() || entry.isSymbolicLink())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .filter((name) => !name.split(path.sep).some((part) => part.startsWith('.')));
  } catch (error) {
    if (error instanceof ArticleLoadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'folder not found' : `folder unreadable (${code ?? String(error)})`;
    throw new ArticleLoadError(dir, reason, { cause: error });
  }
}

export { ArticleLoadError } from './article-load-error.js';
export { loadArticleFile } from './load-article-file.js';
export { parseArticle } from './page/parse-article.js';
