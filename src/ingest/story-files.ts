import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../articles/types.js';

/** The text file of an article as storybot writes it: headline, blank line, one paragraph per block. */
export function articleText(article: Pick<Article, 'title' | 'paragraphs'>): string {
  return `${[article.title, ...article.paragraphs.map((paragraph) => paragraph.text)].join('\n\n')}\n`;
}

/** A file-name-safe id from a title: lower case, words joined by '-', at most 60 characters. */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > 60) break;
    slug = next;
  }
  return slug === '' ? (words[0]?.slice(0, 60) ?? 'story') : slug;
}

/** `base`, or `base-2`, `base-3`... whichever names no article file in the folder yet. */
export async function freeId(dataDir: string, base: string): Promise<string> {
  const taken = new Set(
    (await readdir(dataDir).catch(() => [])).map((name) => name.replace(/\.(txt|md|meta\.json)$/i, '')),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
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
