import { mkdir, mkdtemp, readdir, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findShared, shippedData } from './sources.js';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The shipped story: data/ as committed, copied aside, so stories added to data/ change no figure. */
export const SHIPPED = shippedData();
export const DATA_DIR = SHIPPED.dir;
/** The shared folder (corpora, SQuAD), found explicitly; undefined when this machine has none. */
export const SHARED = findShared();
/** The shared news corpora, next to the repository; never copied into it. */
export const DEFAULT_CORPORA_DIR = path.join(SHARED.dir ?? path.resolve(ROOT, '../shared'), 'corpora');
/** The SQuAD 2.0 article and its questions. */
export const SQUAD_DIR = path.join(SHARED.dir ?? path.resolve(ROOT, '../shared'), 'squad');

/** Whether a folder exists (the corpora are optional: the distractor runs skip without them). */
export async function folderExists(dir: string): Promise<boolean> {
  return stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

const ARTICLE = /\.(txt|md)$/i;

/** Every article file under a folder, as sorted relative paths (what loadArticles would read). */
export async function listArticleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && ARTICLE.test(entry.name) && !/^readme\.md$/i.test(entry.name))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** A temporary folder of symlinks: the bot then loads exactly these files, read from where they live. */
export interface LinkedFolder {
  readonly dir: string;
  remove(): Promise<void>;
}

/**
 * Builds a folder holding the seed story (with its sidecar) and the first `extra` corpus files,
 * as symlinks, so a folder of N articles can be loaded the way the bot loads its data folder.
 */
export async function linkStoryWithDistractors(
  corporaDir: string,
  corpusFiles: readonly string[],
  extra: number,
): Promise<LinkedFolder> {
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-bench-'));
  for (const name of await readdir(DATA_DIR)) {
    if (/^readme\.md$/i.test(name)) continue;
    await symlink(path.join(DATA_DIR, name), path.join(dir, name));
  }
  const made = new Set<string>();
  for (const file of corpusFiles.slice(0, extra)) {
    const folder = path.join(dir, 'corpora', path.dirname(file));
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    await symlink(path.join(corporaDir, file), path.join(dir, 'corpora', file));
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** README.md and every page of docs/: where figures blocks live. */
export async function docFiles(): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const docs = (await readdir(path.join(ROOT, 'docs'))).filter((name) => name.endsWith('.md'));
  return [path.join(ROOT, 'README.md'), ...docs.sort().map((name) => path.join(ROOT, 'docs', name))];
}
