import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REST } from 'discord.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import { buildCommands } from '../../src/discord/commands/index.js';
import { deployCommands } from '../../src/discord/runtime/deploy-commands.js';
import { startFakeDiscord, type InteractionHandle } from '../../tests/helpers/fake-discord/index.js';
import { startFakeOpenAi } from '../../tests/helpers/fake-openai.js';
import { loadQuestions } from '../../tests/helpers/questions.js';
import { createQuotingModel } from '../../tests/helpers/quoting-model.js';
import { startRedisServer } from '../../tests/helpers/redis-server.js';
import { startShardedBot, type ShardedBot } from '../../tests/helpers/sharded-bot.js';
import { DATA_DIR } from '../lib/corpora.js';
import { round, roundSummary, summarize, type Summary } from '../lib/stats.js';

/** One run: `shards` shard processes sharing one Redis, `users` users in `guilds` servers asking at once. */
export interface ShardFigures {
  readonly shards: number;
  readonly users: number;
  readonly guilds: number;
  readonly readyMs: number;
  readonly answersPerSecond: number;
  readonly ackMs: Summary;
  readonly finalMs: Summary;
  /** Resident memory of each shard process after the run (MB), by shard id. */
  readonly rssMbPerShard: readonly number[];
  readonly answered: number;
  /** Acknowledgements later than Discord's 3 s (Discord would have refused them). */
  readonly lateAcks: number;
  readonly violations: number;
}

const MODEL_DELAY_MS = 200;

async function rssMb(pid: number | undefined): Promise<number> {
  if (pid === undefined) return Number.NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024, 0);
}

async function askAll(
  discord: Awaited<ReturnType<typeof startFakeDiscord>>,
  channels: readonly string[],
  users: number,
  label: string,
): Promise<{ handles: InteractionHandle[]; done: number[] }> {
  const questions = loadQuestions().filter((q) => q.gold.length > 0 && q.followUpOf === undefined);
  const people = Array.from({ length: users }, (_, i) => discord.createUser(`${label}-${i}`));
  const handles = people.map((user, i) =>
    discord.sendCommand({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: questions[i % questions.length]?.question ?? 'Who?' }],
      user,
      channelId: channels[i % channels.length] ?? discord.channelId,
    }),
  );
  const done = await Promise.all(
    handles.map(async (handle) => {
      await handle.waitForReply({ timeoutMs: 180_000 });
      return Date.now();
    }),
  );
  return { handles, done };
}

/**
 * Starts the real bot with STORYBOT_SHARDS=`shards` (ShardingManager, one process per shard,
 * Redis for the shared state) against the loopback Discord with `guilds` servers, warms each
 * server up with one question, then lets `users` users (spread over the servers) ask at once.
 * The model is a fake that takes 200 ms, with a global cap of 64 calls, so the bot is what is measured.
 */
export async function measureShards(shards: number, users = 200, guilds = 20): Promise<ShardFigures> {
  const [redis, discord, dir] = await Promise.all([
    startRedisServer(),
    // Discord refuses acks after 3 s; the fake waits longer so a slow ack is measured (and counted) rather than lost.
    startFakeDiscord({ recommendedShards: shards, waitTimeoutMs: 180_000, ackDeadlineMs: 60_000 }),
    mkdtemp(path.join(tmpdir(), 'storybot-shards-bench-')),
  ]);
  const quoting = createQuotingModel();
  const openai = await startFakeOpenAi({ chat: (body) => ({ ...quoting(body), delayMs: MODEL_DELAY_MS }) });
  let bot: ShardedBot | undefined;
  try {
    const channels = [discord.channelId];
    while (channels.length < guilds) channels.push(discord.createGuild().channelId);
    const { articles } = await loadArticles(DATA_DIR);
    await deployCommands({
      rest: new REST({ api: discord.apiUrl }).setToken(discord.botToken),
      applicationId: discord.applicationId,
      commands: buildCommands(articles, { maxQuestionLength: 500 }),
    });
    const started = Date.now();
    bot = startShardedBot({
      DISCORD_TOKEN: discord.botToken,
      DISCORD_API_URL: discord.apiUrl,
      OPENAI_API_KEY: 'sk-bench-shards-0000000000000000',
      OPENAI_BASE_URL: openai.baseURL,
      OPENAI_EMBEDDING_MODEL: 'off',
      STORYBOT_VAR_DIR: dir,
      STORYBOT_SHARDS: String(shards),
      STORYBOT_SHARD_SPAWN_DELAY_MS: '0',
      REDIS_URL: redis.url,
      USER_COOLDOWN_SECONDS: '0',
      MAX_CONCURRENT_LLM_CALLS: '64',
      MAX_QUEUED_QUESTIONS: '1000',
      LOG_LEVEL: 'warn',
    });
    await discord.waitForReady(180_000);
    const readyMs = Date.now() - started;
    await askAll(discord, channels, guilds, 'warm-up');
    const { handles, done } = await askAll(discord, channels, users, 'user');
    const acks = await Promise.all(handles.map(async (h) => (await h.ack).at - h.dispatchedAt));
    const first = Math.min(...handles.map((h) => h.dispatchedAt));
    const running = bot;
    const pids = await Promise.all(Array.from({ length: shards }, (_, id) => running.shardPid(id)));
    return {
      shards,
      users,
      guilds,
      readyMs,
      answersPerSecond: round(users / ((Math.max(...done) - first) / 1000), 1),
      ackMs: roundSummary(summarize(acks), 0),
      finalMs: roundSummary(summarize(handles.map((h, i) => (done[i] ?? 0) - h.dispatchedAt)), 0),
      rssMbPerShard: await Promise.all(pids.map(rssMb)),
      lateAcks: acks.filter((ms) => ms > 3000).length,
      answered: handles.filter((h) => (h.original?.embeds.length ?? 0) > 0).length,
      violations: discord.violations.length,
    };
  } catch (error) {
    // What the bot said is the first thing to read when a run fails.
    process.stderr.write(
      `bot output (last lines):\n${bot?.output().split('\n').slice(-30).join('\n') ?? ''}\n`,
    );
    throw error;
  } finally {
    await bot?.stop();
    await Promise.all([discord.close(), openai.close(), redis.stop()]);
    await rm(dir, { recursive: true, force: true });
  }
}
