import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../src/articles/load-articles.js';
import { UserFacingError } from '../src/errors.js';
import { addStory } from '../src/ingest/add-story.js';
import { extractArticle } from '../src/ingest/extract-article.js';
import { DATA_DIR } from './helpers/engine.js';

// Saved pages in the shapes of real news sites, each with the story's paragraphs exactly as a reader should get them.
const SITES = path.join(import.meta.dirname, 'fixtures/pages/sites');
const names = readdirSync(SITES)
  .filter((name) => name.endsWith('.html'))
  .map((name) => name.replace(/\.html$/, ''));

interface Expected {
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly byline?: string;
  readonly source?: string;
  readonly publishedAt?: string;
  /** A page that must be refused, with this error code. */
  readonly refused?: string;
}

const expectedOf = async (name: string) =>
  JSON.parse(await readFile(path.join(SITES, `${name}.expected.json`), 'utf8')) as Expected;

describe('storybot add <saved page>: the story without the page around it', () => {
  it('has at least 12 site shapes', () => expect(names.length).toBeGreaterThanOrEqual(12));

  it.each(names)('%s', async (name) => {
    const expected = await expectedOf(name);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-pages-'));
    await cp(DATA_DIR, dataDir, { recursive: true });
    const adding = addStory(path.join(SITES, `${name}.html`), {
      dataDir,
      allowPrivate: false,
      allowFiles: true,
      id: name,
    });
    if (expected.refused) {
      const error = await adding.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(UserFacingError);
      expect((error as UserFacingError).code).toBe(expected.refused);
      const html = await readFile(path.join(SITES, `${name}.html`), 'utf8');
      expect(extractArticle(html, name).paragraphs).toEqual(expected.paragraphs);
      return;
    }
    await adding;
    const story = (await loadArticles(dataDir)).articles.find((article) => article.id === name);
    expect({
      title: story?.title,
      byline: story?.byline,
      source: story?.source,
      publishedAt: story?.publishedAt,
      paragraphs: story?.paragraphs.map((paragraph) => paragraph.text),
    }).toEqual({
      title: expected.title,
      byline: expected.byline,
      source: expected.source,
      publishedAt: expected.publishedAt,
      paragraphs: expected.paragraphs,
    });
  });
});

describe('storybot add <text file>: decoded by its real encoding', () => {
  it('keeps the curly quotes and accents of a Windows-1252 file', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-1252-'));
    await cp(DATA_DIR, dataDir, { recursive: true });
    const said = 'Amélie Roux said: “We are thrilled — after three months of worry, we can plan the summer.”';
    const filler =
      'The council’s licensing committee met on Monday night and threw out the plan to double the fee.';
    const text = ['Café owners win fight over terrace licences', said, ...Array<string>(8).fill(filler)].join(
      '\n\n',
    );
    const file = path.join(dataDir, 'incoming.txt');
    await writeFile(file, iconv.encode(text, 'windows-1252'));
    const { article } = await addStory(file, {
      dataDir,
      allowPrivate: false,
      allowFiles: true,
      id: 'terraces',
    });
    expect(article.title).toBe('Café owners win fight over terrace licences');
    expect(article.paragraphs[0]?.text).toBe(said);
  });
});
