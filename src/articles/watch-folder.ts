import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logging/logger.js';
import { ArticleLoadError } from './article-load-error.js';
import { loadArticleFile } from './load-article-file.js';
import type { StoryLibrary } from './story-library.js';
import type { Article } from './types.js';

/** Options for {@link watchArticleFolder}. */
export interface WatchOptions {
  readonly dir: string;
  readonly library: StoryLibrary;
  readonly logger: Logger;
  /** A file must keep the same size and time this long before it is loaded (default 400 ms). */
  readonly settleMs?: number;
}

const ARTICLE = /\.(txt|md)$/i;
const SIDECAR = /\.meta\.json$/i;
// Editors, downloads and `storybot add` write under names like these before the final rename.
const TEMPORARY = /^\.|~$|\.(tmp|temp|part|partial|crdownload|download|swp|swx)$/i;

/** Whether a reload found exactly what is already loaded (e.g. a story `/story add` loaded itself). */
function sameStory(a: Article, b: Article): boolean {
  return (
    a.file === b.file &&
    JSON.stringify({ ...a, paragraphs: a.paragraphs.map((p) => p.text) }) ===
      JSON.stringify({ ...b, paragraphs: b.paragraphs.map((p) => p.text) })
  );
}

/**
 * Watches the data folder and keeps the library in step: a story file (or its sidecar) that
 * appears or changes is loaded once it has stopped changing, so a half-written file is never
 * loaded; a deleted file's story is removed. Hidden and temporary names are ignored.
 * Returns a function that stops watching.
 */
export function watchArticleFolder({ dir, library, logger, settleMs = 400 }: WatchOptions): () => void {
  const pending = new Map<string, NodeJS.Timeout>();
  const schedule = (file: string, delay: number) => {
    clearTimeout(pending.get(file));
    pending.set(
      file,
      setTimeout(() => {
        pending.delete(file);
        void settle(file).catch((error: unknown) =>
          logger.error({ err: error, file }, 'could not load story'),
        );
      }, delay),
    );
  };
  const settle = async (file: string) => {
    const before = await stat(file).catch(() => undefined);
    if (!before) return forget(file);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const after = await stat(file).catch(() => undefined);
    if (after?.size !== before.size || after.mtimeMs !== before.mtimeMs) return schedule(file, settleMs);
    await load(file);
  };
  const load = async (file: string) => {
    try {
      const article = await loadArticleFile(file, { defaultId: path.basename(file).replace(ARTICLE, '') });
      const holder = library.get(article.id);
      if (holder && sameStory(holder, article)) return;
      if (holder && holder.file !== file) {
        logger.warn({ file, id: article.id, holder: holder.file }, 'story skipped: its id is already used');
        return;
      }
      const change = library.upsert(article);
      logger.info({ id: article.id, file, paragraphs: article.paragraphs.length }, `story ${change.kind}`);
    } catch (error) {
      if (!(error instanceof ArticleLoadError)) throw error;
      logger.warn({ file: error.path, reason: error.reason }, 'story skipped');
    }
  };
  const forget = (file: string) => {
    const article = library.byFile(file);
    if (article && library.remove(article.id)) logger.info({ id: article.id, file }, 'story removed');
  };
  const watcher: FSWatcher = watch(dir, (_event, name) => {
    if (!name || TEMPORARY.test(name) || /^readme\.md$/i.test(name)) return;
    if (ARTICLE.test(name)) return schedule(path.join(dir, name), 100);
    if (SIDECAR.test(name)) {
      const base = name.replace(SIDECAR, '');
      for (const ext of ['.txt', '.md']) schedule(path.join(dir, base + ext), 100);
    }
  });
  watcher.on('error', (error) => logger.error({ err: error, dir }, 'stopped watching the data folder'));
  return () => {
    watcher.close();
    for (const timer of pending.values()) clearTimeout(timer);
  };
}
