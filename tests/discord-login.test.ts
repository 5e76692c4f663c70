import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { REST } from 'discord.js';
import { createConversationStore } from '../src/answering/conversation-store.js';
import { createDiscordBot } from '../src/discord/runtime/bot.js';
import { buildCommands } from '../src/discord/commands/index.js';
import { deployCommands } from '../src/discord/runtime/deploy-commands.js';
import { DiscordLoginError } from '../src/discord/runtime/login-error.js';
import { runDeploy } from '../src/discord/runtime/run-deploy.js';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/logging/logger.js';
import { BRIDGE } from './helpers/discord-fixtures.js';
import { throwingAnswerer } from './helpers/fake-answerer.js';
import { startFakeDiscord, type FakeDiscord } from './helpers/fake-discord/index.js';

let fake: FakeDiscord | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function botFor(apiUrl: string) {
  return createDiscordBot({
    answerer: throwingAnswerer(new Error('not used')),
    articles: [BRIDGE],
    conversations: createConversationStore({ maxTurns: 2, maxAgeMs: 60_000 }),
    feedback: { record: () => Promise.resolve() },
    logger: createLogger({ level: 'silent' }),
    options: { cooldownSeconds: 5, maxQuestionLength: 500 },
    restApi: apiUrl,
  });
}

describe('logging in', () => {
  it('rejects a bad token with one clear error and no retry loop', async () => {
    fake = await startFakeDiscord();
    const bot = botFor(fake.apiUrl);
    const error = await bot.start('not-the-token.abc.def').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordLoginError);
    expect((error as Error).message).toMatch(/DISCORD_TOKEN/);
    expect(fake.identifyCount).toBe(0);
    expect(fake.requests.filter((r) => r.path.startsWith('/gateway'))).toHaveLength(1);
  });

  it('rejects when the gateway refuses the token (4004) without retrying', async () => {
    fake = await startFakeDiscord();
    fake.failNextIdentify(4004);
    const bot = botFor(fake.apiUrl);
    const error = await bot.start(fake.botToken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordLoginError);
    expect((error as Error).message).toMatch(/DISCORD_TOKEN/);
    // One try only: the client was destroyed, so nothing reconnects.
    expect(fake.requests.filter((r) => r.path.startsWith('/gateway'))).toHaveLength(1);
    expect(bot.client.isReady()).toBe(false);
    expect(fake.connected).toBe(false);
    expect(fake.violations.filter((v) => v.kind !== 'gateway' && v.kind !== 'unauthorized')).toEqual([]);
  });
});

describe('deploying commands', () => {
  it('registers the commands globally or to one guild, for their contexts and install types', async () => {
    fake = await startFakeDiscord();
    const rest = new REST({ api: fake.apiUrl }).setToken(fake.botToken);
    const commands = buildCommands([BRIDGE], { maxQuestionLength: 500 });
    const global = await deployCommands({ rest, applicationId: fake.applicationId, commands });
    expect(global).toMatchObject({
      scope: 'global',
      names: ['ask', 'article', 'quote', 'help', 'config', 'story'],
    });
    expect(global.summary).toMatch(/globally/);
    const guild = await deployCommands({
      rest,
      applicationId: fake.applicationId,
      guildId: fake.guildId,
      commands,
    });
    expect(guild.summary).toContain(fake.guildId);
    expect(fake.commands).toHaveLength(12);
    const ask = fake.commands.find((c) => c.name === 'ask' && c.guild_id === fake?.guildId);
    expect(ask).toMatchObject({ contexts: [0, 1, 2], integration_types: [0, 1] });
    expect(fake.violations).toEqual([]);
  });

  it('says which settings are missing, and what to check when Discord refuses the token', async () => {
    fake = await startFakeDiscord();
    const output = { stdout: '', stderr: '' };
    const stream = (key: keyof typeof output) =>
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          output[key] += chunk.toString();
          done();
        },
      });
    const deploy = (env: Record<string, string>) =>
      runDeploy({
        config: loadConfig(env),
        loadArticles: () => Promise.resolve([BRIDGE]),
        stdout: stream('stdout'),
        stderr: stream('stderr'),
      });
    expect(await deploy({})).toBe(2);
    expect(output.stderr).toMatch(/needs DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
    const refused = { DISCORD_TOKEN: 'not.a.token', DISCORD_APPLICATION_ID: fake.applicationId };
    expect(await deploy({ ...refused, DISCORD_API_URL: fake.apiUrl })).toBe(1);
    expect(output.stderr).toMatch(/Discord rejected the commands: check DISCORD_TOKEN/);
    expect(output.stdout).toBe('');
  });
});
