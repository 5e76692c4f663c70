import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REST, type APIEmbed } from 'discord.js';
import { createConversationStore } from '../../src/answering/conversation-store.js';
import type { Article } from '../../src/articles/types.js';
import type { TokenBudget } from '../../src/answering/token-budget.js';
import type { Answerer } from '../../src/domain/types.js';
import { createDiscordBot, type DiscordBot } from '../../src/discord/bot.js';
import { buildCommands } from '../../src/discord/commands.js';
import { deployCommands } from '../../src/discord/deploy-commands.js';
import { createFeedbackLog } from '../../src/feedback/feedback-log.js';
import { createTestEngine } from './engine.js';
import { createSwitchableAnswerer, type SwitchableAnswerer } from './fake-answerer.js';
import { startFakeDiscord, type FakeDiscord, type MessageRecord } from './fake-discord/index.js';
import { startFakeOpenAi, type FakeOpenAi } from './fake-openai.js';
import { unescapeMarkdown } from './discord-fixtures.js';
import { captureLogs } from './llm-test-setup.js';
import { createQuotingModel } from './quoting-model.js';

export const MAX_QUESTION_LENGTH = 300;
export const COOLDOWN_SECONDS = 5;
/** The engine's model timeout in these tests: short, so the timeout case stays fast. */
export const MODEL_TIMEOUT_MS = 800;

/** Everything the end-to-end tests drive: the fake Discord, the fake model, the real engine and bot. */
export interface DiscordHarness {
  readonly fake: FakeDiscord;
  readonly openai: FakeOpenAi;
  /** The running bot (a new one after `restart()`). */
  readonly bot: DiscordBot;
  /** What the bot asks: the real engine unless a test swaps it. */
  readonly answerer: SwitchableAnswerer;
  /** The real engine itself. */
  readonly engine: Answerer;
  readonly articles: readonly Article[];
  readonly feedbackFile: string;
  readonly logs: () => string;
  /** Moves the bot's clock on (cooldowns), without waiting. */
  advance(ms: number): void;
  /** Stops the bot and starts a fresh one (new process state) on the same files, fakes and engine. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Articles to serve instead of data/. */
  readonly articles?: readonly Article[];
  /** Whether the engine has a (fake) model; without one it answers extractively. Default true. */
  readonly model?: boolean;
  /** The engine's daily token cap and quota pause. */
  readonly budget?: TokenBudget;
  /** How long stop() waits for questions in progress before cancelling their model calls (default 5 s). */
  readonly drainTimeoutMs?: number;
}

/** Starts the fakes, deploys the commands to the fake guild, and logs the real bot in. */
export async function startHarness(options: HarnessOptions = {}): Promise<DiscordHarness> {
  const openai = await startFakeOpenAi({ chat: createQuotingModel() });
  const engine = await createTestEngine({
    ...(options.model === false ? {} : { baseURL: openai.baseURL }),
    ...(options.articles ? { articles: options.articles } : {}),
    timeoutMs: MODEL_TIMEOUT_MS,
    maxRetries: 0,
    ...(options.budget && { budget: options.budget }),
  });
  const fake = await startFakeDiscord();
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-discord-'));
  const feedbackFile = path.join(dir, 'feedback.jsonl');
  const { logger, text } = captureLogs();
  const answerer = createSwitchableAnswerer(engine.answerer);
  let skew = 0;
  const rest = new REST({ api: fake.apiUrl }).setToken(fake.botToken);
  await deployCommands({
    rest,
    applicationId: fake.applicationId,
    guildId: fake.guildId,
    commands: buildCommands(engine.articles, { maxQuestionLength: MAX_QUESTION_LENGTH }),
  });
  const newBot = () =>
    createDiscordBot({
      answerer,
      articles: engine.articles,
      conversations: createConversationStore({ maxTurns: 6, maxAgeMs: 30 * 60_000 }),
      feedback: createFeedbackLog({ file: feedbackFile }),
      logger,
      options: {
        cooldownSeconds: COOLDOWN_SECONDS,
        maxQuestionLength: MAX_QUESTION_LENGTH,
        drainTimeoutMs: options.drainTimeoutMs ?? 5_000,
      },
      restApi: fake.apiUrl,
      now: () => Date.now() + skew,
    });
  let bot = newBot();
  await bot.start(fake.botToken);
  await fake.waitForReady();
  return {
    fake,
    openai,
    get bot() {
      return bot;
    },
    answerer,
    engine: engine.answerer,
    articles: engine.articles,
    feedbackFile,
    logs: text,
    advance: (ms) => void (skew += ms),
    async restart() {
      await bot.stop();
      const identified = fake.identifyCount;
      bot = newBot();
      await bot.start(fake.botToken);
      await fake.waitFor(
        () => (fake.identifyCount > identified && fake.connected ? true : undefined),
        'the restarted bot to identify',
      );
    },
    async close() {
      await bot.stop();
      await fake.close();
      await openai.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The quotes shown under Sources: `[n] ¶p` field names and their block-quoted text, unescaped. */
export function shownQuotes(embeds: readonly APIEmbed[]): { paragraph: number; quote: string }[] {
  return embeds.flatMap((embed) =>
    (embed.fields ?? []).flatMap((field) => {
      const paragraph = /¶(\d+)/.exec(field.name)?.[1];
      const quoted = field.value
        .split('\n')
        .filter((line) => line.startsWith('> '))
        .map((line) => line.slice(2))
        .join('\n');
      if (paragraph === undefined) return [];
      return [{ paragraph: Number(paragraph), quote: unescapeMarkdown(quoted).replace(/…$/, '') }];
    }),
  );
}

/** The custom ids of a message's buttons. */
export function buttonIds(message: MessageRecord | undefined): string[] {
  return (message?.components ?? []).flatMap((row) =>
    'components' in row
      ? row.components.flatMap((component) =>
          'custom_id' in component && typeof component.custom_id === 'string' ? [component.custom_id] : [],
        )
      : [],
  );
}

/** Every text a message shows (content, embed titles, descriptions, fields). */
export function messageText(message: MessageRecord | undefined): string {
  if (!message) return '';
  return [
    message.content,
    ...message.embeds.flatMap((embed) => [
      embed.title ?? '',
      embed.description ?? '',
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    ]),
  ].join('\n');
}
