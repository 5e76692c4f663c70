import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseSidecar } from '../articles/page/meta.js';
import { readBounded } from '../articles/read-bounded.js';
import type { Article } from '../articles/types.js';

/** The text file of an article as storybot writes it: headline, blank line, one paragraph per block. */
export function articleText(article: Pick<Article, 'title' | 'paragraphs'>): string {
  return `${[article.title, ...article.paragraphs.map((paragraph) => paragraph.text)].join('\n\n')}\n`;
}

/** `base`, or `base-2`, `base-3`... whichever names no article file in the folder yet. */
export async function freeId(dataDir: string, base: string): Promise<string> {
  const taken = new Set(
    (await readdir(dataDir).catch(() => [])).map((name) => name.replace(/\.(txt|md|meta\.json)$/i, '')),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const STORY_FILE = /\.(txt|md)$/i;

/**
 * The stories in the data folder as their files say (without loading their text): the sidecar's
 * metadata, or just the id from the file name when there is none or it is unreadable.
 */
export async function findStories(dataDir: string): Promise<StoryMeta[]> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  const files = names.filter(
    (name) => STORY_FILE.test(name) && !name.startsWith('.') && !/^readme\.md$/i.test(name),
  );
  return Promise.all(
    files.map(async (name) => {
      const base = name.replace(STORY_FILE, '');
      const sidecar = names.includes(`${base}.meta.json`)
        ? await readBounded(path.join(dataDir, `${base}.meta.json`), 64 * 1024)
            .then((bytes) => parseSidecar(bytes.toString('utf8')))
            .catch(() => undefined)
        : undefined;
      return { ...sidecar, id: sidecar?.id ?? base, title: sidecar?.title ?? name };
    }),
  );
}

/** Writes a file under a hidden temporary name first, so a watcher never sees it half-written. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
}

/** Sidecar fields written next to the text. */
export type StoryMeta = Omit<Article, 'file' | 'paragraphs'>;

/** Writes `<id>.meta.json` then `<id>.txt` into the data folder; returns the text file's path. */
export async function writeStoryFiles(
  dataDir: string,
  meta: StoryMeta,
  article: Pick<Article, 'title' | 'paragraphs'>,
): Promise<string> {
  const file = path.join(dataDir, `${meta.id}.txt`);
  await writeAtomically(path.join(dataDir, `${meta.id}.meta.json`), `${JSON.stringify(meta, null, 2)}\n`);
  await writeAtomically(file, articleText(article));
  return file;
}

/** Deletes a story's files (text first, so a watcher sees it go before its sidecar). */
export async function removeStoryFiles(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(path.join(path.dirname(file), `${path.parse(file).name}.meta.json`), { force: true });
}
