import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits, REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationStore } from '../src/answering/conversation-store.js';
import { loadArticles } from '../src/articles/load-articles.js';
import { createStoryLibrary } from '../src/articles/story-library.js';
import { createDiscordBot, type DiscordBot } from '../src/discord/runtime/bot.js';
import { buildCommands } from '../src/discord/commands/index.js';
import { deployCommands } from '../src/discord/runtime/deploy-commands.js';
import { createLiveStoryAdmin } from '../src/discord/runtime/live-stories.js';
import { createEngine } from '../src/engine/create-engine.js';
import { createLiveEngine, type LiveEngine } from '../src/engine/live-engine.js';
import { createFeedbackStore } from '../src/feedback/feedback-store.js';
import { createStoryAdmin } from '../src/ingest/story-admin.js';
import { openRecords, type Records } from '../src/storage/records.js';
import { DATA_DIR, ROOT, testConfig } from './helpers/engine.js';
import { startFakeDiscord, type FakeDiscord, type MessageRecord } from './helpers/fake-discord/index.js';
import { captureLogs } from './helpers/llm-test-setup.js';
import { startPageServer, type PageServer } from './helpers/page-server.js';
import { createRecordingAnswerer } from '../src/answering/record-questions.js';

const MAX_QUESTION_LENGTH = 300;
const MANAGER = (BigInt(PermissionFlagsBits.ManageGuild) | (1n << 11n) | (1n << 31n)).toString();

let fake: FakeDiscord;
let pages: PageServer;
let bot: DiscordBot;
let engine: LiveEngine;
let records: Records;
let dir: string;
let unfollow: () => void;
const { logger, text: logs } = captureLogs();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-discord-stories-'));
  const dataDir = path.join(dir, 'data');
  await cp(DATA_DIR, dataDir, { recursive: true });
  [fake, pages] = await Promise.all([startFakeDiscord(), startPageServer()]);
  records = await openRecords({ varDir: dir, storeDmText: false, retentionDays: 0, logger });
  const library = createStoryLibrary((await loadArticles(dataDir)).articles);
  const config = testConfig();
  engine = await createLiveEngine(
    library,
    (articles) =>
      createEngine(config, {
        root: ROOT,
        logger,
        articles,
        loadSemantic: () => Promise.resolve(undefined),
        loadBudget: () => Promise.resolve(undefined),
      }),
    logger,
  );
  const admin = createStoryAdmin({ dataDir, allowPrivate: true, library, stories: records.stories, logger });
  const live = createLiveStoryAdmin(
    {
      add: (source, by) => admin.add(source, by),
      remove: (id) => admin.remove(id),
      salt: records.salt,
      settled: () => engine.settled(),
      onReindexed: (listener) => engine.onReindexed(listener),
    },
    {
      applicationId: fake.applicationId,
      guildId: fake.guildId,
      maxQuestionLength: MAX_QUESTION_LENGTH,
      logger,
    },
  );
  const rest = new REST({ api: fake.apiUrl }).setToken(fake.botToken);
  const commands = buildCommands(engine.articles, { maxQuestionLength: MAX_QUESTION_LENGTH });
  await deployCommands({ rest, applicationId: fake.applicationId, guildId: fake.guildId, commands });
  bot = createDiscordBot({
    answerer: createRecordingAnswerer(
      engine.answerer,
      records.questions,
      { channelKind: 'server' },
      undefined,
    ),
    articles: engine.articles,
    conversations: createConversationStore({ maxTurns: 6, maxAgeMs: 60_000 }),
    feedback: createFeedbackStore(records),
    logger,
    options: { cooldownSeconds: 0, maxQuestionLength: MAX_QUESTION_LENGTH },
    restApi: fake.apiUrl,
    storyAdmin: live.admin,
  });
  await bot.start(fake.botToken);
  await fake.waitForReady();
  unfollow = live.connect(bot.client.rest, engine.articles);
});

afterAll(async () => {
  unfollow();
  await bot.stop();
  await Promise.all([fake.close(), pages.close()]);
  records.close();
  await rm(dir, { recursive: true, force: true });
});

const text = (message: MessageRecord | undefined) => message?.content ?? '';
const storyOptionOf = (name: string) =>
  JSON.stringify(
    fake.commands.find((command) => command.name === name && command.guild_id === fake.guildId),
  ).includes('"name":"story"');
const story = (sub: string, options: { name: string; type: number; value: string }[], permissions?: string) =>
  fake
    .sendCommand({
      name: 'story',
      options: [{ name: sub, type: 1, options }],
      user: fake.createUser('editor'),
      // Without Manage Server, a member reaches /story only through a server admin's override.
      ...(permissions ? { permissions } : { permissionOverride: true }),
    })
    .waitForReply({ timeoutMs: 20_000 });

describe('/story on Discord', () => {
  it('is for members with Manage Server only', async () => {
    const { original } = await story('add', [{ name: 'url', type: 3, value: `${pages.origin}/news` }]);
    expect(text(original)).toContain('Only members with the **Manage Server** permission');
    expect(engine.articles).toHaveLength(1);
    const registered = fake.commands.find((command) => command.name === 'story');
    expect(registered?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
  });

  it('adds a story by link: answerable at once, and the story option is registered', async () => {
    expect(storyOptionOf('ask')).toBe(false);
    const { original } = await story(
      'add',
      [{ name: 'url', type: 3, value: `${pages.origin}/news` }],
      MANAGER,
    );
    expect(text(original)).toMatch(
      /Added \*\*Harbourview votes to rebuild its sea wall after winter floods\*\*/,
    );
    expect(text(original)).toContain('registered the slash commands again');
    expect(storyOptionOf('ask')).toBe(true);

    const ask = await fake
      .sendCommand({
        name: 'ask',
        options: [{ name: 'question', type: 3, value: 'When does construction of the sea wall begin?' }],
        user: fake.createUser('reader'),
      })
      .waitForReply({ timeoutMs: 20_000 });
    expect(JSON.stringify(ask.original)).toContain('due to begin in April');
    const logged = await records.client.execute('SELECT channel_kind, story FROM questions');
    expect(logged.rows.at(-1)).toMatchObject({
      channel_kind: 'server',
      story: 'harbourview-votes-to-rebuild-its-sea-wall-after-winter',
    });
  });

  it('lists the stories and removes one, registering the commands again', async () => {
    const list = await story('list', [], MANAGER);
    expect(text(list.original)).toMatch(/^2 stories:/);
    const { original } = await story(
      'remove',
      [{ name: 'story', type: 3, value: 'harbourview-votes-to-rebuild-its-sea-wall-after-winter' }],
      MANAGER,
    );
    expect(text(original)).toContain('Removed **Harbourview votes');
    expect(engine.articles.map((article) => article.id)).toEqual(['us-shelves-mss-sanctions']);
    expect(storyOptionOf('ask')).toBe(false);
    const refused = await story('add', [{ name: 'url', type: 3, value: `${pages.origin}/paywall` }], MANAGER);
    expect(text(refused.original)).toMatch(/^Not done: .*subscription wall/);
    expect(logs()).not.toContain('"level":50');
  });
});
