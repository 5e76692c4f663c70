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
      expect(
        (await refusal(addStory(source, { dataDir, allowPrivate: true, allowFiles: true }))).message,
        source,
      ).toMatch(message);
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
    const added = await admin.add(`${server.origin}/news`, {
      addedBy: 'discord:abc',
      addedIn: '123456789012345678',
    });
    expect(added.addedIn).toBe('123456789012345678');
    expect(library.get(added.id)?.paragraphs).toHaveLength(8);
    expect((await stories.list()).map((story) => [story.id, story.addedBy])).toEqual([
      [added.id, 'discord:abc'],
    ]);
    await admin.remove(added.id);
    expect(library.get(added.id)).toBeUndefined();
    expect((await readdir(dataDir)).some((name) => name.startsWith(added.id))).toBe(false);
    expect((await stories.list())[0]?.removedAt).toBeDefined();
    expect((await refusal(admin.remove('us-shelves-mss-sanctions'))).code).toBe('story_not_yours');
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
      // Every IPv6 form that carries a private IPv4, and the other special ranges (issue 17).
      '::7f00:1',
      '::127.0.0.1',
      '::ffff:7f00:1',
      '2002:7f00:1::1',
      '2002:a00:1::',
      '64:ff9b::a9fe:a9fe',
      '64:ff9b::127.0.0.1',
      'fec0::1',
      '198.18.0.1',
      '198.19.255.254',
      '192.0.2.1',
      '198.51.100.7',
      '203.0.113.9',
      '2001:db8::1',
      '3fff::1',
    ])
      expect(isBlockedAddress(address), address).toBe(true);
    for (const address of [
      '93.184.216.34',
      '8.8.8.8',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
      '2002:808:808::1',
      '64:ff9b::808:808',
    ])
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

  it('refuses an IPv4-compatible IPv6 literal such as http://[::127.0.0.1]/', async () => {
    const port = new URL(server.origin).port;
    for (const host of ['[::127.0.0.1]', '[::ffff:127.0.0.1]', '[64:ff9b::7f00:1]', '[2002:7f00:1::]'])
      expect((await refusal(fetchPage(`http://${host}:${port}/news`))).code, host).toBe('url_blocked');
  });

  it('gives up on a page that does not arrive in time', async () => {
    const started = Date.now();
    const error = await refusal(fetchPage(`${server.origin}/slow`, { allowPrivate: true, timeoutMs: 300 }));
    expect(error.code).toBe('url_timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('what a link or a file can do to storybot add (issue 17)', () => {
  const add = (source: string, extra: Record<string, unknown> = {}) =>
    addStory(source, { dataDir, allowPrivate: true, timeoutMs: 2_000, ...extra });

  it('never opens a local path unless the operator adds a file: /dev/zero, .env and /etc files are refused', async () => {
    for (const source of [
      '/dev/zero',
      path.join(dataDir, 'us-shelves-mss-sanctions.txt'),
      '/etc/services',
      'package.json',
    ])
      expect((await refusal(add(source))).code, source).toBe('url_invalid');
    expect((await refusal(add('file:///etc/passwd'))).code).toBe('url_scheme');
    // The operator's own `storybot add FILE` reads files, but a device is refused before a byte is read.
    const zero = await refusal(add('/dev/zero', { allowFiles: true }));
    expect(zero.message).toContain('not a regular file');
    const html = await refusal(add('/dev/zero.html', { allowFiles: true }));
    expect(html.code).toBe('file_unreadable');
  });

  it('ends a stalled, cut-off, endless or bomb-sized body with a clear error, bounded while reading', async () => {
    const started = Date.now();
    const drip = await refusal(add(`${server.origin}/drip.gz`, { timeoutMs: 1_500 }));
    expect(drip.code).toBe('url_timeout');
    expect(Date.now() - started).toBeLessThan(6_000);
    expect((await refusal(add(`${server.origin}/drop.gz`))).code).toBe('url_broken');
    const memory = process.memoryUsage().rss;
    expect((await refusal(add(`${server.origin}/endless`))).code).toBe('url_too_large');
    expect((await refusal(add(`${server.origin}/bomb.gz`, { timeoutMs: 10_000 }))).code).toBe(
      'url_too_large',
    );
    expect(process.memoryUsage().rss - memory).toBeLessThan(200 * 1024 * 1024);
    expect((await readdir(dataDir)).sort()).toEqual((await readdir(DATA_DIR)).sort());
  });

  it('exits non-zero with the reason when a gzip page drips or drops (the CLI as a process)', async () => {
    const drop = await runStorybot(['add', `${server.origin}/drop.gz`], { env: allowed() });
    expect(drop.code).toBe(1);
    expect(drop.stderr).toMatch(/^Not added: .*did not send the whole page/);
    const drip = await runStorybot(['add', `${server.origin}/drip.gz`], { env: allowed() });
    expect(drip.code).toBe(1);
    expect(drip.stderr).toMatch(/^Not added: .*did not send the page within 10 s/);
  }, 30_000);

  it('takes slug ids only, never replaces without --replace, and names the story a link was added as', async () => {
    const bad = await runStorybot(['add', `${server.origin}/news`, '--id', '../../escaped'], {
      env: allowed(),
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/The id "\.\.\/\.\.\/escaped" must be a slug/);
    const long = await runStorybot(['add', `${server.origin}/news`, '--id', 'a'.repeat(65)], {
      env: allowed(),
    });
    expect(long.stderr).toContain('the limit is 64');
    const taken = await runStorybot(['add', `${server.origin}/news`, '--id', 'us-shelves-mss-sanctions'], {
      env: allowed(),
    });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('A story with the id us-shelves-mss-sanctions exists already');
    expect(await readFile(path.join(dataDir, 'us-shelves-mss-sanctions.txt'), 'utf8')).toBe(
      await readFile(path.join(DATA_DIR, 'us-shelves-mss-sanctions.txt'), 'utf8'),
    );
    const first = await runStorybot(['add', `${server.origin}/news`], { env: allowed() });
    expect(first.code).toBe(0);
    const again = await runStorybot(['add', `${server.origin}/news`], { env: allowed() });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      'That link was added already, as harbourview-votes-to-rebuild-its-sea-wall-after-winter',
    );
    const replaced = await runStorybot(
      [
        'add',
        `${server.origin}/news`,
        '--id',
        'harbourview-votes-to-rebuild-its-sea-wall-after-winter',
        '--replace',
      ],
      { env: allowed() },
    );
    expect(replaced.code).toBe(0);
    expect((await readdir(dataDir)).filter((name) => name.endsWith('.txt'))).toHaveLength(2);
  }, 60_000);

  it('refuses a front-matter id that is not a slug, so no file lands outside the data folder', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'storybot-add-id-'));
    const text = path.join(other, 'escape.txt');
    const body = 'The ferry between the island and the harbour will run every forty minutes from Monday.';
    await writeFile(
      text,
      `---\nid: ../escaped-by-id\n---\nFerry timetable\n\n${Array(8).fill(body).join('\n\n')}\n`,
    );
    const run = await runStorybot(['add', text], { env: { STORYBOT_DATA_DIR: dataDir } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/id must be a slug/);
    expect((await readdir(path.dirname(dataDir))).some((name) => name.startsWith('escaped-by-id'))).toBe(
      false,
    );
    await rm(other, { recursive: true });
  });
});
