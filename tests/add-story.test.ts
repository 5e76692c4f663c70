import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadArticles } from '../src/articles/load-articles.js';
import { UserFacingError } from '../src/errors.js';
import { createStoryLibrary } from '../src/articles/story-library.js';
import { addStory } from '../src/ingest/add-story.js';
import { createStoryAdmin } from '../src/ingest/story-admin.js';
import { createLogger } from '../src/logging/logger.js';
import { openRecords } from '../src/storage/records.js';
import { createStoryStore } from '../src/storage/story-store.js';
import { fetchPage } from '../src/ingest/fetch-page.js';
import { isBlockedAddress } from '../src/ingest/ssrf-guard.js';
import { DATA_DIR } from './helpers/engine.js';
import { page, startPageServer, type PageServer } from './helpers/page-server.js';
import { runStorybot } from './helpers/spawn-cli.js';

let server: PageServer;
let dataDir: string;
const silent = createLogger({ level: 'silent' });
const records = () => openRecords({ varDir: dataDir, storeDmText: false, retentionDays: 0, logger: silent });
const allowed = () => ({ STORYBOT_DATA_DIR: dataDir, STORYBOT_ALLOW_PRIVATE_URLS: 'true' });

beforeAll(async () => {
  server = await startPageServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-add-'));
  await cp(DATA_DIR, dataDir, { recursive: true });
});

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
};

describe('storybot add <url>', () => {
  it('extracts the article from a news page, leaves the page furniture out, and answers from it', async () => {
    const run = await runStorybot(['add', `${server.origin}/news`], { env: allowed() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const id = 'harbourview-votes-to-rebuild-its-sea-wall-after-winter';
    expect(run.stdout).toContain(`as ${id} (8 paragraphs`);
    expect(run.stdout).toContain('npm run deploy-commands');
    const meta = JSON.parse(await readFile(path.join(dataDir, `${id}.meta.json`), 'utf8')) as Record<
      string,
      string
    >;
    expect(meta).toEqual({
      id,
      title: 'Harbourview votes to rebuild its sea wall after winter floods',
      source: 'The Coastal Ledger',
      byline: 'Marta Okafor',
      publishedAt: '2026-11-24T08:30:00.000Z',
      url: `${server.origin}/news`,
    });
    const story = (await loadArticles(dataDir)).articles.find((article) => article.id === id);
    const texts = story?.paragraphs.map((paragraph) => paragraph.text) ?? [];
    expect(texts[0]).toMatch(/^Harbourview town council voted 9 to 2/);
    expect(texts.at(-1)).toMatch(/public meeting .* 9 December/);
    const all = texts.join('\n');
    for (const furniture of [
      'cookies',
      'Advertisement',
      'Read more',
      'Related stories',
      'seagull',
      'tender',
      '©',
      'Share',
    ])
      expect(all).not.toContain(furniture);

    const ask = await runStorybot(['ask', '--json', '--story', id, 'When does construction begin?'], {
      env: allowed(),
    });
    const answer = JSON.parse(ask.stdout) as { citations: { paragraph: number; quote: string }[] };
    expect(answer.citations.map((citation) => citation.quote).join(' ')).toContain('due to begin in April');
  });

  it('follows up to 5 redirects and reads gzip pages', async () => {
    const five = await addStory(`${server.origin}/redirect/5`, { dataDir, allowPrivate: true, id: 'hops' });
    expect(five.article.url).toBe(`${server.origin}/news`);
    const six = await refusal(addStory(`${server.origin}/redirect/6`, { dataDir, allowPrivate: true }));
    expect(six.message).toContain('redirects more than 5 times');
    const gzip = await addStory(`${server.origin}/news.gz`, { dataDir, allowPrivate: true, id: 'gzipped' });
    expect(gzip.article.paragraphs).toHaveLength(8);
  });

  it('says clearly why a page cannot be added, and adds nothing', async () => {
    const cases: [string, RegExp][] = [
      [`${server.origin}/paywall`, /only a teaser before a subscription wall \(\d+ words\)/],
      [`${server.origin}/missing`, /answered with HTTP 404: the page does not exist/],
      [`${server.origin}/pdf`, /is not a web page \(application\/pdf\)/],
      [`${server.origin}/huge`, /is larger than 5 MB/],
      ['ftp://example.com/story.html', /ftp: links are not fetched; only http and https/],
      ['no-such-file.txt', /not a usable article/],
    ];
    for (const [source, message] of cases)
      expect((await refusal(addStory(source, { dataDir, allowPrivate: true }))).message, source).toMatch(
        message,
      );
    const home = await runStorybot(['add', `${server.origin}/home`], { env: allowed() });
    expect(home.code).toBe(1);
    expect(home.stderr).toMatch(/^Not added: No article was found at .*\/home/);
    expect((await readdir(dataDir)).sort()).toEqual((await readdir(DATA_DIR)).sort());
  });

  it('refuses loopback and private addresses unless STORYBOT_ALLOW_PRIVATE_URLS is set', async () => {
    const run = await runStorybot(['add', `${server.origin}/news`], { env: { STORYBOT_DATA_DIR: dataDir } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('127.0.0.1 is a local or private address');
    const metadata = await refusal(addStory('http://169.254.169.254/latest/meta-data/', { dataDir }));
    expect(metadata.message).toContain('is a local or private address');
  });
});

describe('storybot add <file>', () => {
  it('adds a saved HTML page and a text article', async () => {
    const saved = path.join(dataDir, '..', `page-${path.basename(dataDir)}.html`);
    await writeFile(saved, page('news-article'));
    const fromHtml = await runStorybot(['add', '--id', 'sea-wall', saved], {
      env: { STORYBOT_DATA_DIR: dataDir },
    });
    expect(fromHtml.code).toBe(0);
    expect(fromHtml.stdout).toContain('as sea-wall (8 paragraphs');
    await rm(saved);
    const other = await mkdtemp(path.join(tmpdir(), 'storybot-add-text-'));
    const text = path.join(other, 'ferry.txt');
    const body = 'The ferry between the island and the harbour will run every forty minutes from Monday.';
    await writeFile(
      text,
      `Ferry timetable changes\n\n${Array(8).fill(body).join('\n\n')}\n\nAdvertisement\n`,
    );
    const fromText = await runStorybot(['add', text], { env: { STORYBOT_DATA_DIR: dataDir } });
    expect(fromText.code).toBe(0);
    expect(fromText.stdout).toContain('as ferry (8 paragraphs');
    expect(await readFile(path.join(dataDir, 'ferry.txt'), 'utf8')).not.toContain('Advertisement');
    await rm(other, { recursive: true });
  });
});

describe('story admin (what /story add and /story remove use)', () => {
  it('loads an added story at once, and removes it with its files; the last story stays', async () => {
    const { articles } = await loadArticles(dataDir);
    const library = createStoryLibrary(articles);
    const stories = createStoryStore((await records()).client);
    const admin = createStoryAdmin({ dataDir, allowPrivate: true, library, stories, logger: silent });
    const added = await admin.add(`${server.origin}/news`, 'discord:abc');
    expect(library.get(added.id)?.paragraphs).toHaveLength(8);
    expect((await stories.list()).map((story) => [story.id, story.addedBy])).toEqual([
      [added.id, 'discord:abc'],
    ]);
    await admin.remove(added.id);
    expect(library.get(added.id)).toBeUndefined();
    expect((await readdir(dataDir)).some((name) => name.startsWith(added.id))).toBe(false);
    expect((await stories.list())[0]?.removedAt).toBeDefined();
    expect((await refusal(admin.remove('us-shelves-mss-sanctions'))).code).toBe('story_last');
    expect((await refusal(admin.remove('nope'))).code).toBe('unknown_article');
  });
});

describe('fetching guard', () => {
  it('classifies addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.2.3.4',
      '172.16.9.1',
      '192.168.0.10',
      '169.254.169.254',
      '100.64.1.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd12::3',
      '::ffff:10.0.0.1',
    ])
      expect(isBlockedAddress(address), address).toBe(true);
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect(isBlockedAddress(address), address).toBe(false);
  });

  it('checks names after DNS resolution and re-checks every redirect', async () => {
    const port = new URL(server.origin).port;
    expect((await refusal(fetchPage(`http://localhost:${port}/news`))).code).toBe('url_blocked');
    const onlyFirstHop = { isBlocked: (address: string) => address !== '127.0.0.1' };
    expect((await fetchPage(`${server.origin}/redirect/2`, onlyFirstHop)).url).toBe(`${server.origin}/news`);
    const sneaky = `${server.origin}/redirect-to?url=${encodeURIComponent(`http://127.0.0.2:${port}/news`)}`;
    const error = await refusal(fetchPage(sneaky, onlyFirstHop));
    expect(error.code).toBe('url_blocked');
    expect(error.message).toContain('127.0.0.2');
  });

  it('gives up on a page that does not arrive in time', async () => {
    const started = Date.now();
    const error = await refusal(fetchPage(`${server.origin}/slow`, { allowPrivate: true, timeoutMs: 300 }));
    expect(error.code).toBe('url_timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
