import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIUser } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type InteractionHandle } from './helpers/fake-discord/index.js';
import { startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
import { createQuotingModel } from './helpers/quoting-model.js';
import {
  REDIS_SKIP_REASON,
  redisSkipped,
  startRedisServer,
  type RedisServer,
} from './helpers/redis-server.js';
import { eventually } from './helpers/shared-state.js';
import { startShardedBot, type ShardedBot } from './helpers/sharded-bot.js';
import { runStorybot } from './helpers/spawn-cli.js';

// Two shard processes of the real bot (discord.js ShardingManager), one Redis, the loopback Discord
// recommending two shards and two guilds that land on different shards.
const KEY = 'sk-shards-test-key-0000000000000';
const CAP = 5000;
const QUESTION = 'What is Salt Typhoon?';
const model = (tokens: number, delayMs = 0) => {
  const quoting = createQuotingModel();
  return (body: Parameters<typeof quoting>[0]) => ({
    ...quoting(body),
    usage: { prompt_tokens: tokens, completion_tokens: 0 },
    delayMs,
  });
};

let redis: RedisServer;
let discord: FakeDiscord;
let openai: FakeOpenAi;
let bot: ShardedBot;
let varDir: string;
let guildA: { id: string; channelId: string };
let guildB: { id: string; channelId: string };

const ask = (user: APIUser, channelId?: string, question = QUESTION): InteractionHandle =>
  discord.sendCommand({
    name: 'ask',
    options: [{ name: 'question', type: 3, value: question }],
    user,
    ...(channelId === undefined ? { guild: false } : { channelId }),
  });
const answered = async (handle: InteractionHandle) => {
  const reply = await handle.waitForReply({ timeoutMs: 20_000 });
  return JSON.stringify(reply.original?.embeds ?? []) + String(reply.original?.content ?? '');
};
const logLines = (pattern: RegExp) =>
  bot
    .output()
    .split('\n')
    .filter((line) => pattern.test(line));

describe.skipIf(redisSkipped)(redisSkipped ? REDIS_SKIP_REASON : 'two shards sharing Redis', () => {
  beforeAll(async () => {
    [redis, discord, openai, varDir] = await Promise.all([
      startRedisServer(),
      startFakeDiscord({ recommendedShards: 2, waitTimeoutMs: 15_000 }),
      startFakeOpenAi({ chat: model(100) }),
      mkdtemp(path.join(tmpdir(), 'storybot-shards-')),
    ]);
    guildA = { id: discord.guildId, channelId: discord.channelId };
    guildB = discord.createGuild('Second Readers');
    const env = {
      DISCORD_TOKEN: discord.botToken,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: openai.baseURL,
      OPENAI_EMBEDDING_MODEL: 'off',
      GROUNDING_CHECK: 'code',
      STORYBOT_VAR_DIR: varDir,
      STORYBOT_SHARDS: 'auto',
      STORYBOT_SHARD_SPAWN_DELAY_MS: '0',
      REDIS_URL: redis.url,
      USER_COOLDOWN_SECONDS: '60',
      DAILY_TOKEN_CAP: String(CAP),
    };
    expect((await runStorybot(['deploy-commands'], { env })).code).toBe(0);
    bot = startShardedBot(env);
    await discord.waitForReady(20_000);
  }, 30_000);
  afterAll(async () => {
    const code = await bot?.stop();
    await Promise.all([openai?.close(), discord?.close(), redis?.stop()]);
    await rm(varDir, { recursive: true, force: true });
    expect(code).toBe(0);
  });

  it('runs the shard count /gateway/bot recommends; guild events reach their shard, DMs shard 0', async () => {
    expect(discord.shardCount).toBe(2);
    expect(discord.liveShards).toEqual([0, 1]);
    expect(discord.shardOf(guildA.id)).not.toBe(discord.shardOf(guildB.id));
    const inDm = ask(discord.createUser('dm reader'));
    const inA = ask(discord.createUser('a reader'), guildA.channelId);
    const inB = ask(discord.createUser('b reader'), guildB.channelId);
    expect([inDm.shard, inA.shard, inB.shard]).toEqual([
      0,
      discord.shardOf(guildA.id),
      discord.shardOf(guildB.id),
    ]);
    for (const handle of [inDm, inA, inB]) expect(await answered(handle)).toContain('¶');
  });

  it('holds one user asking in two servers on two shards to one cooldown', async () => {
    const user = discord.createUser('fast asker');
    const first = ask(user, guildA.channelId);
    expect(await answered(first)).toContain('¶');
    const again = ask(user, guildB.channelId);
    expect(again.shard).not.toBe(first.shard);
    const second = await again.waitForReply();
    expect(String(second.callback.data?.content)).toMatch(/asking a little fast/);
  });

  it('loses nothing on one shard when the other is killed mid-question; the restarted shard keeps old buttons working', async () => {
    // Shard 0 (which also carries the DMs) dies; the question in flight is on the other one.
    const [onKilled, onSurvivor] = discord.shardOf(guildA.id) === 0 ? [guildA, guildB] : [guildB, guildA];
    const voter = discord.createUser('voter');
    const before = await ask(voter, onKilled.channelId).waitForReply({ timeoutMs: 20_000 });
    const killed = 0;
    const pid = await bot.shardPid(killed);
    expect(pid).toBeDefined();

    openai.onChat(model(100, 1200));
    const inFlight = ask(discord.createUser('patient reader'), onSurvivor.channelId);
    expect(inFlight.shard).toBe(1);
    await inFlight.ack;
    const identifies = discord.identifyCount;
    process.kill(pid ?? 0, 'SIGKILL');
    expect(await answered(inFlight)).toContain('¶');
    openai.onChat(model(100));

    await discord.waitFor(
      () => (discord.identifyCount > identifies && discord.connected ? true : undefined),
      'the manager to restart the killed shard',
      15_000,
    );
    expect(await bot.shardPid(killed)).not.toBe(pid);
    const vote = await discord
      .pressButton({ customId: 'vote:up', message: before.original!, user: voter })
      .waitForReply();
    expect(String(vote.callback.data?.content)).toMatch(/recorded/);
    expect(await answered(ask(discord.createUser('after restart'), onKilled.channelId))).toContain('¶');
  }, 60_000);

  it('shares the daily token cap: tokens spent on one shard block the model on the other', async () => {
    openai.onChat(model(CAP));
    expect(await answered(ask(discord.createUser('big spender'), guildA.channelId))).toContain('¶');
    const calls = openai.chatBodies.length;
    const blocked = await answered(ask(discord.createUser('next reader'), guildB.channelId));
    expect(blocked).toMatch(/budget is used up/);
    expect(openai.chatBodies.length).toBe(calls);
  });

  it('loses no question while Redis is stopped and started again', async () => {
    await redis.stop();
    const during = await Promise.all([
      answered(ask(discord.createUser('outage a'), guildA.channelId)),
      answered(ask(discord.createUser('outage b'), guildB.channelId)),
      answered(ask(discord.createUser('outage dm'))),
    ]);
    for (const reply of during) expect(reply).toContain('¶');
    await eventually(() => logLines(/redis is unreachable/).length >= 2, 'both shards to log the outage');
    await redis.start();
    await eventually(() => logLines(/redis is back/).length >= 2, 'both shards to log the recovery', 10_000);
    const after = await Promise.all([
      answered(ask(discord.createUser('after a'), guildA.channelId)),
      answered(ask(discord.createUser('after b'), guildB.channelId)),
    ]);
    for (const reply of after) expect(reply).toContain('¶');
    // Once per outage and process, not once per question.
    expect(logLines(/redis is unreachable/).length).toBeLessThanOrEqual(4);
    expect(discord.violations).toEqual([]);
  }, 60_000);
});
