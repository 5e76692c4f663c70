import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REST } from 'discord.js';
import {
  createConversationStore,
  type ConversationStore,
} from '../../../src/answering/conversation-store.js';
import type { Article } from '../../../src/articles/types.js';
import { createTokenBudget } from '../../../src/answering/token-budget.js';
import { createDiscordBot, type DiscordBot } from '../../../src/discord/runtime/bot.js';
import { buildCommands } from '../../../src/discord/commands/index.js';
import { deployCommands } from '../../../src/discord/runtime/deploy-commands.js';
import { createFeedbackLog } from '../../../src/feedback/feedback-log.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createTestEngine, TEST_KEY } from '../engine.js';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/index.js';
import { getClosedPort, startFakeOpenAi, type FakeOpenAi } from '../fake-openai.js';
import { createLogWatch, type LogWatch } from './log-watch.js';
import { createModelFaults, type ModelFaults } from './model-faults.js';

/** How the bot under soak is set up. */
export interface SoakWorldOptions {
  /** Seconds between one user's questions (the bot's cooldown). */
  readonly cooldownSeconds: number;
  /** The engine's model timeout; the timeout fault answers later than this. */
  readonly modelTimeoutMs: number;
  /** The conversation store's bound, checked during the run. */
  readonly maxConversations: number;
  /** How long the model stays paused after an insufficient_quota error. */
  readonly quotaPauseMs: number;
  /** The fakes' wait timeout (a question not answered within it counts as lost). */
  readonly replyTimeoutMs: number;
  readonly keepLogLines: boolean;
}

/** The real bot and engine, wired as src/index.ts does, against the loopback fakes. */
export interface SoakWorld {
  readonly fake: FakeDiscord;
  readonly openai: FakeOpenAi;
  readonly bot: DiscordBot;
  readonly conversations: ConversationStore;
  readonly model: ModelFaults;
  readonly logs: LogWatch;
  readonly feedbackFile: string;
  readonly articles: readonly Article[];
  readonly maxQuestionLength: number;
  close(): Promise<void>;
}

export const SOAK_MAX_QUESTION_LENGTH = 400;

/** Starts the fakes, the engine and the bot (logged in, commands deployed). */
export async function startSoakWorld(options: SoakWorldOptions): Promise<SoakWorld> {
  const logs = createLogWatch({ keepLines: options.keepLogLines });
  const model = createModelFaults({ timeoutMs: options.modelTimeoutMs });
  const openai = await startFakeOpenAi({ chat: model.handler });
  const fake = await startFakeDiscord({ waitTimeoutMs: options.replyTimeoutMs });
  logs.forbid('the bot token', fake.botToken);
  logs.forbid('the OpenAI key', TEST_KEY);
  // As src/index.ts: the logger knows the secrets; the checks above see what still gets through.
  const logger = createLogger({ level: 'debug', secrets: [TEST_KEY, fake.botToken], sink: logs.sink });
  const engine = await createTestEngine({
    baseURL: openai.baseURL,
    timeoutMs: options.modelTimeoutMs,
    maxRetries: 0,
    logger,
    fetch: model.wrapFetch(globalThis.fetch, await getClosedPort()),
    budget: createTokenBudget({ dailyCap: 0, model: 'gpt-4.1-mini', quotaPauseMs: options.quotaPauseMs }),
  });
  const rest = new REST({ api: fake.apiUrl }).setToken(fake.botToken);
  const commands = buildCommands(engine.articles, { maxQuestionLength: SOAK_MAX_QUESTION_LENGTH });
  await deployCommands({ rest, applicationId: fake.applicationId, guildId: fake.guildId, commands });
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-soak-'));
  const feedbackFile = path.join(dir, 'feedback.jsonl');
  const conversations = createConversationStore({
    maxTurns: 6,
    maxAgeMs: 30 * 60_000,
    maxConversations: options.maxConversations,
  });
  const bot = createDiscordBot({
    answerer: engine.answerer,
    articles: engine.articles,
    conversations,
    feedback: createFeedbackLog({ file: feedbackFile }),
    logger,
    options: {
      cooldownSeconds: options.cooldownSeconds,
      maxQuestionLength: SOAK_MAX_QUESTION_LENGTH,
      drainTimeoutMs: 5_000,
    },
    restApi: fake.apiUrl,
  });
  // An invalid session forces a fresh identify; skip discord.js's 5 s identify spacing (read at login).
  bot.client.options.ws = {
    ...bot.client.options.ws,
    buildIdentifyThrottler: () => ({ waitForIdentify: () => Promise.resolve() }),
  };
  await bot.start(fake.botToken);
  await fake.waitForReady();
  return {
    fake,
    openai,
    bot,
    conversations,
    model,
    logs,
    feedbackFile,
    articles: engine.articles,
    maxQuestionLength: SOAK_MAX_QUESTION_LENGTH,
    async close() {
      await bot.stop();
      await fake.close();
      await openai.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
