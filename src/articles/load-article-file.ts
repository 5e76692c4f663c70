import path from 'node:path';
import { ArticleLoadError } from './article-load-error.js';
import { decodeBytes } from './page/decode-bytes.js';
import { parseSidecar, type PartialMeta } from './page/meta.js';
import { parseArticleDetailed, type ParsedArticle } from './page/parse-article.js';
import type { Article } from './types.js';

import { BoundedReadError, readBounded } from './read-bounded.js';

/** Larger files are not articles (a long feature is ~50 KB). */
const MAX_BYTES = 5 * 1024 * 1024;
/** A sidecar holds a few metadata fields. */
const MAX_SIDECAR_BYTES = 64 * 1024;

/** Options for {@link loadArticleFile}. */
export interface LoadArticleFileOptions {
  /** The id when no metadata gives one (default: the file name without extension). */
  readonly defaultId?: string;
  /** Whether `<name>.meta.json` exists; when omitted the loader just tries to read it. */
  readonly hasSidecar?: boolean;
}

/** Where the sidecar metadata of an article file lives: `story.txt` → `story.meta.json`. */
export function sidecarPath(file: string): string {
  return path.join(path.dirname(file), `${path.parse(file).name}.meta.json`);
}

/**
 * Reads, parses and cleans one article file with its optional sidecar.
 * Throws {@link ArticleLoadError} naming the file when it cannot be read or used.
 */
export async function loadArticleFile(file: string, options: LoadArticleFileOptions = {}): Promise<Article> {
  return (await loadArticleFileDetailed(file, options)).article;
}

/** {@link loadArticleFile}, also returning the furniture lines that cleaning dropped. */
export async function loadArticleFileDetailed(
  file: string,
  options: LoadArticleFileOptions = {},
): Promise<ParsedArticle> {
  const [bytes, sidecar] = await Promise.all([readBytes(file), readSidecar(file, options.hasSidecar)]);
  const meta = sidecar === undefined ? undefined : sidecarMeta(file, sidecar);
  return parseArticleDetailed(decodeBytes(bytes).text, {
    file,
    ...(meta && { meta }),
    ...(options.defaultId && { defaultId: options.defaultId }),
  });
}

function sidecarMeta(file: string, json: string): PartialMeta {
  try {
    return parseSidecar(json);
  } catch (error) {
    throw new ArticleLoadError(sidecarPath(file), (error as Error).message, { cause: error });
  }
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readBounded(file, MAX_BYTES);
  } catch (error) {
    throw new ArticleLoadError(file, readFailure(error), { cause: error });
  }
}

async function readSidecar(file: string, exists: boolean | undefined): Promise<string | undefined> {
  if (exists === false) return undefined;
  const sidecar = sidecarPath(file);
  try {
    return (await readBounded(sidecar, MAX_SIDECAR_BYTES)).toString('utf8');
  } catch (error) {
    if (exists === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ArticleLoadError(sidecar, readFailure(error), { cause: error });
  }
}

function readFailure(error: unknown): string {
  if (error instanceof BoundedReadError) return error.message;
  return `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
}
