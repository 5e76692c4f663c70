import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ArticleLoadError,
  loadArticleFile,
  loadArticles,
  parseArticle,
} from '../src/articles/load-articles.js';
import { parseArticleDetailed } from '../src/articles/page/parse-article.js';
import { createLogger } from '../src/logging/logger.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'data');
const CORPUS = path.join(ROOT, 'tests/fixtures/articles/corpus');
const SEED_TITLE = 'U.S. Shelves Sanctions Against Chinese Spy Agency to Protect Fragile Trade Truce';

const texts = (text: string, meta = {}) =>
  parseArticle(text, { file: 'story.txt', meta }).paragraphs.map((p) => p.text);
const squash = (text: string) => text.replace(/\s+/g, ' ');

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A temp folder holding the given files (string or raw bytes). */
async function folder(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'storybot-articles-'));
  temps.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    sink: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { logger, lines };
}

const STORY = 'Bridge reopens\n\nThe bridge reopened on Monday, the council said.\n';

describe('the seed article', () => {
  it('loads with its sidecar metadata and without page furniture', async () => {
    const { articles, warnings } = await loadArticles(DATA);
    expect(warnings).toEqual([]);
    expect(articles).toHaveLength(1);
    const [article] = articles;
    expect(article).toMatchObject({
      id: 'us-shelves-mss-sanctions',
      title: SEED_TITLE,
      source: 'CNews Live',
    });
    expect(article).not.toHaveProperty('publishedAt');
    expect(article).not.toHaveProperty('url');
    const paragraphs = article?.paragraphs ?? [];
    expect(paragraphs).toHaveLength(9);
    expect(paragraphs.map((p) => p.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(paragraphs.every((p) => p.articleId === 'us-shelves-mss-sanctions')).toBe(true);
    expect(paragraphs[0]?.text.startsWith('Washington: The United States has halted')).toBe(true);
    for (const { text } of paragraphs) {
      expect(text).not.toMatch(/WhatsApp|https?:|comments posted here|refrain from/i);
      expect(text).not.toBe(SEED_TITLE);
    }
  });

  it('keeps every paragraph verbatim and numbers them the same way each time', async () => {
    const raw = squash(await readFile(path.join(DATA, 'us-shelves-mss-sanctions.txt'), 'utf8'));
    const first = await loadArticles(DATA);
    const second = await loadArticles(DATA);
    for (const { text } of first.articles[0]?.paragraphs ?? []) expect(raw).toContain(text);
    expect(second.articles).toEqual(first.articles);
  });

  it('reports the dropped lines', async () => {
    const raw = await readFile(path.join(DATA, 'us-shelves-mss-sanctions.txt'), 'utf8');
    const { removed } = parseArticleDetailed(raw, { file: 'seed.txt', meta: { title: SEED_TITLE } });
    expect(removed.join('\n')).toMatch(/WhatsApp/);
    expect(removed.join('\n')).toMatch(/comments posted here/);
    expect(removed).toContain(SEED_TITLE);
  });
});

describe('cleaning', () => {
  const real = [
    'Port Town: The harbour bridge reopened on Monday after six months of repairs, the council said.',
    "Subscriptions to the council's Telegram channel, where engineers posted daily progress photos, rose sharply during the closure, and officials said more than 12,000 residents had followed the updates there.",
    'Readers who want to follow the inquiry can subscribe to the parliamentary channel on WhatsApp, officials said, adding that 40,000 people had joined.',
    'Shares in the ferry operator fell 3% on Monday.',
    'The ministry published the rules at https://gov.example/rules and asked firms to follow them.',
    'Copyright lawsuits against the council have doubled since 2020.',
    'The work cost £4m, slightly more than planned.',
  ];
  const furniture = [
    'Harbour bridge reopens after repairs',
    'By Jane Doe',
    'Advertisement',
    'Share this article',
    'Also read: Ferry fares to rise in spring',
    'Read more: How the bridge was built',
    'Subscribe to our newsletter',
    'Follow us on Telegram: https://t.me/x',
    'Download the app:\nhttps://example.com/app',
    '© 2024 Some Times. All rights reserved.',
    'Comments are moderated and will appear after approval.',
    'https://example.com/story/123',
  ];

  it('drops furniture of many kinds and keeps real paragraphs that mention the same words', () => {
    const [title, byline, ad, share, alsoRead, readMore, ...tail] = furniture;
    const text = [
      title,
      title,
      byline,
      ad,
      real[0],
      share,
      real[1],
      alsoRead,
      real[2],
      real[3],
      real[4],
      readMore,
      real[5],
      real[6],
      ...tail,
    ].join('\n\n');
    expect(texts(text)).toEqual(real);
  });

  it('keeps the text exact apart from whitespace', () => {
    const text = 'Title\n\n“Quoted,”  she said — in   CAPS.\nNext line.\n';
    expect(texts(text)).toEqual(['“Quoted,” she said — in CAPS. Next line.']);
  });

  it('normalises CRLF, a BOM, tabs and non-breaking spaces', () => {
    const text =
      '\ufeffBridge reopens\r\n\r\nThe\tbridge\u00a0reopened  on Monday.\r\n\r\nTraffic was light.\r\n';
    const article = parseArticle(text, { file: 'crlf.txt' });
    expect(article.title).toBe('Bridge reopens');
    expect(article.paragraphs.map((p) => p.text)).toEqual([
      'The bridge reopened on Monday.',
      'Traffic was light.',
    ]);
  });

  it('joins hard-wrapped lines of a paragraph with single spaces', () => {
    const text =
      'Bridge reopens\n\nThe bridge reopened on Monday\n  after six months of repairs,\nthe council said.\n\nTraffic was light.\n';
    expect(texts(text)).toEqual([
      'The bridge reopened on Monday after six months of repairs, the council said.',
      'Traffic was light.',
    ]);
  });
});

describe('metadata', () => {
  it('reads front matter, and treats the first line as headline only when it matches the title', () => {
    const head =
      '---\nid: bridge\ntitle: "Bridge Reopens!"\nsource: Some Times\npublishedAt: 2024-05-01\nurl: https://example.com/b\n---\n';
    const article = parseArticle(`${head}Bridge reopens\n\nThe bridge reopened.\n`, { file: 'x.txt' });
    expect(article).toMatchObject({
      id: 'bridge',
      title: 'Bridge Reopens!',
      source: 'Some Times',
      publishedAt: '2024-05-01',
      url: 'https://example.com/b',
    });
    expect(article.paragraphs.map((p) => p.text)).toEqual(['The bridge reopened.']);
    const body = parseArticle(`${head}The bridge reopened on Monday.\n\nTraffic was light.\n`, {
      file: 'x.txt',
    });
    expect(body.paragraphs.map((p) => p.text)).toEqual([
      'The bridge reopened on Monday.',
      'Traffic was light.',
    ]);
  });

  it('lets a sidecar override front matter and ignores unknown keys', async () => {
    const dir = await folder({
      'bridge.md': '---\ntitle: Old title\nsource: Front\n---\n# Bridge reopens\n\nThe bridge reopened.\n',
      'bridge.meta.json': JSON.stringify({
        title: 'Bridge reopens',
        publishedAt: '2024-05-01T09:30:00Z',
        extra: 1,
      }),
    });
    const article = await loadArticleFile(path.join(dir, 'bridge.md'));
    expect(article).toMatchObject({
      id: 'bridge',
      title: 'Bridge reopens',
      source: 'Front',
      publishedAt: '2024-05-01T09:30:00Z',
    });
    expect(article).not.toHaveProperty('extra');
    expect(article.paragraphs.map((p) => p.text)).toEqual(['The bridge reopened.']);
  });

  it.each([
    ['---\ntitle: X\n\nBody\n', /front matter/],
    ['---\njust words\n---\nT\n\nBody.\n', /front matter/],
    ['---\nurl: not a url\n---\nT\n\nBody.\n', /url/],
    ['---\npublishedAt: yesterday\n---\nT\n\nBody.\n', /publishedAt/],
  ])('rejects bad front matter %#', (text, reason) => {
    expect(() => parseArticle(text, { file: 'bad.txt' })).toThrow(ArticleLoadError);
    expect(() => parseArticle(text, { file: 'bad.txt' })).toThrow(reason);
  });
});

describe('loading folders', () => {
  it('loads several articles sorted by file name, skipping README.md and sidecars', async () => {
    const dir = await folder({
      'b.txt': STORY,
      'a.md': '# Ferry fares rise\n\nFares rise in spring.\n',
      'README.md': '# Read me\n\nNot a story.\n',
      'c.txt': STORY,
      'c.meta.json': '{"id": "custom"}',
      'notes.json': '{}',
      'd.txt': Buffer.from('Caf\xe9 opens\n\nThe caf\xe9 opened.\n', 'latin1'),
    });
    const { articles, warnings } = await loadArticles(dir);
    expect(warnings).toEqual([]);
    expect(articles.map((a) => [a.id, a.title])).toEqual([
      ['a', 'Ferry fares rise'],
      ['b', 'Bridge reopens'],
      ['custom', 'Bridge reopens'],
      ['d', 'Café opens'],
    ]);
    expect(articles[2]?.paragraphs[0]).toEqual({
      articleId: 'custom',
      n: 1,
      text: 'The bridge reopened on Monday, the council said.',
    });
  });

  it('loads corpus-shaped folders recursively with path ids', async () => {
    const { articles } = await loadArticles(CORPUS, { recursive: true, concurrency: 2 });
    expect(articles.map((a) => a.id)).toEqual([
      'bbc/sport/001',
      'bbc/tech/001',
      'bbc/tech/002',
      'reuters/00/00001',
      'reuters/01/00102',
    ]);
    expect(articles[4]?.paragraphs.map((p) => p.text).at(-1)).toBe(
      'The company said new capacity at its northern plant would start in June.',
    );
    await expect(loadArticles(CORPUS)).rejects.toThrow(/no article files/);
  });

  it('skips each bad file with a warning naming it, and logs it', async () => {
    const dir = await folder({
      'good.txt': STORY,
      'empty.txt': ' \n\n',
      'headline-only.txt': 'Just a headline\n\nAdvertisement\n',
      'nul.txt': Buffer.from([0x48, 0x69, 0x00, 0x01, 0xff, 0x00]),
      'junk.txt': Buffer.from('\u0001\u0002\u0003 Title\n\nBody\u0004\u0005.'),
      'fm.txt': '---\ntitle: X\n',
      'bad-sidecar.txt': STORY,
      'bad-sidecar.meta.json': '{"title": ',
      'typed.txt': STORY,
      'typed.meta.json': '{"title": 5}',
      'z-dupe.txt': STORY,
      'z-dupe.meta.json': '{"id": "good"}',
    });
    const { logger, lines } = captureLogger();
    const { articles, warnings } = await loadArticles(dir, { logger });
    expect(articles.map((a) => a.id)).toEqual(['good']);
    const expected: [string, RegExp][] = [
      ['bad-sidecar.meta.json', /invalid sidecar JSON/],
      ['empty.txt', /empty file/],
      ['fm.txt', /front matter/],
      ['headline-only.txt', /no paragraphs/],
      ['junk.txt', /binary/],
      ['nul.txt', /binary/],
      ['typed.meta.json', /title/],
      ['z-dupe.txt', /duplicate id "good".*good\.txt/],
    ];
    expect(warnings).toHaveLength(expected.length);
    for (const [file, reason] of expected) {
      const warning = warnings.find((w) => w.includes(path.join(dir, file)));
      expect(warning, file).toMatch(reason);
    }
    expect(lines.filter((line) => line.level === 40)).toHaveLength(expected.length);
  });

  it('rejects binary text given directly', () => {
    expect(() => parseArticle(`T\n\n${'\ufffd'.repeat(20)} text`, { file: 'r.txt' })).toThrow(/binary/);
  });

  it('throws ArticleLoadError naming the folder when nothing is usable', async () => {
    const missing = path.join(os.tmpdir(), 'storybot-no-such-folder');
    await expect(loadArticles(missing)).rejects.toThrow(ArticleLoadError);
    await expect(loadArticles(missing)).rejects.toThrow(`${missing}: folder not found`);
    const empty = await folder({});
    await expect(loadArticles(empty)).rejects.toThrow(`${empty}: no article files`);
    const bad = await folder({ 'a.txt': '', 'b.txt': 'Headline only\n' });
    await expect(loadArticles(bad)).rejects.toThrow(new RegExp(`^${bad}: no usable article`));
    const file = path.join(bad, 'a.txt');
    await expect(loadArticles(file)).rejects.toThrow(`${file}: not a folder`);
  });
});
