import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REST } from 'discord.js';
import { buildCommands } from '../../src/discord/commands/index.js';
import { deployCommands } from '../../src/discord/runtime/deploy-commands.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import {
  startFakeDiscord,
  type FakeDiscord,
  type InteractionHandle,
} from '../../tests/helpers/fake-discord/index.js';
import { startFakeOpenAi } from '../../tests/helpers/fake-openai.js';
import { loadQuestions } from '../../tests/helpers/questions.js';
import { createQuotingModel } from '../../tests/helpers/quoting-model.js';
import { DATA_DIR } from '../lib/corpora.js';
import { round, roundSummary, summarize, type Summary } from '../lib/stats.js';
import { startBotProcess, type BotLoopFigures } from './bot-process.js';

/** What N users asking at once saw, and what it cost the bot. */
export interface LoadFigures {
  readonly users: number;
  readonly maxConcurrentModelCalls: number;
  readonly botReadyMs: number;
  readonly ackMs: Summary;
  readonly finalMs: Summary;
  readonly answersPerSecond: number;
  /** Questions answered by exactly one acknowledgement and one final edit (should equal users). */
  readonly answeredExactlyOnce: number;
  readonly violations: number;
  readonly eventLoop: BotLoopFigures;
}

const MODEL_DELAY_MS = 800;

async function ask(
  discord: FakeDiscord,
  users: number,
  label: string,
): Promise<{ handles: InteractionHandle[]; done: number[] }> {
  const questions = loadQuestions().filter(
    (question) => question.gold.length > 0 && question.followUpOf === undefined,
  );
  const people = Array.from({ length: users }, (_, index) => discord.createUser(`${label}-${index}`));
  const handles = people.map((user, index) =>
    discord.sendCommand({
      name: 'ask',
      options: [
        {
          name: 'question',
          type: 3,
          value: questions[index % questions.length]?.question ?? 'What is Salt Typhoon?',
        },
      ],
      user,
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

/** Acknowledgement and answer times from dispatch, throughput, and whether each got one answer. */
async function timings(handles: readonly InteractionHandle[], done: readonly number[]) {
  const acks = await Promise.all(handles.map(async (handle) => (await handle.ack).at - handle.dispatchedAt));
  const finals = handles.map((handle, index) => (done[index] ?? 0) - handle.dispatchedAt);
  const first = Math.min(...handles.map((handle) => handle.dispatchedAt));
  const once = handles.filter(
    (handle) =>
      handle.callbacks.filter((callback) => callback.status < 300).length === 1 &&
      handle.edits === 1 &&
      handle.followUps.length === 0 &&
      (handle.original?.embeds.length ?? 0) > 0,
  ).length;
  return {
    ackMs: roundSummary(summarize(acks), 1),
    finalMs: roundSummary(summarize(finals), 1),
    answersPerSecond: round(handles.length / ((Math.max(...done) - first) / 1000), 2),
    answeredExactlyOnce: once,
  };
}

/**
 * Runs the built bot against the loopback Discord with a fake model that takes 800 ms, and lets
 * `users` users send /ask at the same moment. Measures acknowledgement and answer times as the
 * fake Discord sees them, and the event-loop delay inside the bot process.
 */
export async function measureDiscordLoad(
  users: number,
  maxConcurrentModelCalls?: number,
): Promise<LoadFigures> {
  const discord = await startFakeDiscord({ waitTimeoutMs: 180_000 });
  const quoting = createQuotingModel();
  const openai = await startFakeOpenAi({ chat: (body) => ({ ...quoting(body), delayMs: MODEL_DELAY_MS }) });
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-discord-bench-'));
  try {
    const { articles } = await loadArticles(DATA_DIR);
    await deployCommands({
      rest: new REST({ api: discord.apiUrl }).setToken(discord.botToken),
      applicationId: discord.applicationId,
      guildId: discord.guildId,
      commands: buildCommands(articles, { maxQuestionLength: 500 }),
    });
    const bot = await startBotProcess({
      discord,
      openaiBaseUrl: openai.baseURL,
      dir,
      ...(maxConcurrentModelCalls !== undefined && {
        env: { MAX_CONCURRENT_LLM_CALLS: String(maxConcurrentModelCalls) },
      }),
    });
    await ask(discord, 1, 'warm-up');
    bot.resetWindow();
    const { handles, done } = await ask(discord, users, 'user');
    await new Promise((resolve) => setTimeout(resolve, 500)); // a late duplicate answer would show up here
    const eventLoop = await bot.stop();
    return {
      users,
      maxConcurrentModelCalls: maxConcurrentModelCalls ?? 4,
      botReadyMs: bot.readyMs,
      ...(await timings(handles, done)),
      violations: discord.violations.length,
      eventLoop,
    };
  } finally {
    await discord.close();
    await openai.close();
    await rm(dir, { recursive: true, force: true });
  }
}
