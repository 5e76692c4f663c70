import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits, REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordBot } from '../src/discord/runtime/bot.js';
import { createBotFor } from '../src/discord/runtime/run-bot.js';
import { createRuntime, type Runtime } from '../src/engine/create-runtime.js';
import { buildCommands } from '../src/discord/commands/index.js';
import { deployCommands } from '../src/discord/runtime/deploy-commands.js';
import { openRecords, type Records } from '../src/storage/records.js';
import { DATA_DIR, ROOT, testConfig } from './helpers/engine.js';
import { startFakeDiscord, type FakeDiscord, type MessageRecord } from './helpers/fake-discord/index.js';
import { captureLogs } from './helpers/llm-test-setup.js';
import { startPageServer, type PageServer } from './helpers/page-server.js';

const MAX_QUESTION_LENGTH = 300;
const MANAGER = (BigInt(PermissionFlagsBits.ManageGuild) | (1n << 11n) | (1n << 31n)).toString();

let fake: FakeDiscord;
let pages: PageServer;
let bot: DiscordBot;
let runtime: Runtime;
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
  const config = {
    ...testConfig(),
    STORYBOT_DATA_DIR: dataDir,
    STORYBOT_ALLOW_PRIVATE_URLS: true,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_GUILD_ID: fake.guildId,
    DISCORD_API_URL: fake.apiUrl,
    MAX_QUESTION_LENGTH,
    USER_COOLDOWN_SECONDS: 0,
  };
  // The production wiring: the runtime, and the bot built on it as `storybot start` builds it.
  runtime = await createRuntime(config, { root: ROOT, logger, records, asker: { channelKind: 'server' } });
  const rest = new REST({ api: fake.apiUrl }).setToken(fake.botToken);
  const commands = buildCommands(runtime.articles, { maxQuestionLength: MAX_QUESTION_LENGTH });
  await deployCommands({ rest, applicationId: fake.applicationId, guildId: fake.guildId, commands });
  const built = await createBotFor(runtime);
  bot = built.bot;
  await bot.start(fake.botToken);
  await fake.waitForReady();
  unfollow = built.follow();
});

afterAll(async () => {
  unfollow();
  await bot.stop();
  await Promise.all([fake.close(), pages.close()]);
  await runtime.close();
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
    expect(runtime.articles).toHaveLength(1);
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
    expect(runtime.articles.map((article) => article.id)).toEqual(['us-shelves-mss-sanctions']);
    expect(storyOptionOf('ask')).toBe(false);
    const refused = await story('add', [{ name: 'url', type: 3, value: `${pages.origin}/paywall` }], MANAGER);
    expect(text(refused.original)).toMatch(/^Not done: .*subscription wall/);
    expect(logs()).not.toContain('"level":50');
  });
});
