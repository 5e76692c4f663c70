import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REST, type APIEmbed } from 'discord.js';
import { createConversationStore } from '../../src/answering/conversation-store.js';
import type { Article } from '../../src/articles/types.js';
import type { TokenBudget } from '../../src/answering/token-budget.js';
import type { Answerer, AnswerMode } from '../../src/domain/types.js';
import { ANSWER_COLORS } from '../../src/discord/render/render-answer.js';
import { createDiscordBot, type DiscordBot } from '../../src/discord/runtime/bot.js';
import { buildCommands } from '../../src/discord/commands/index.js';
import { deployCommands } from '../../src/discord/runtime/deploy-commands.js';
import { createFeedbackLog } from '../../src/feedback/feedback-log.js';
import { loadJsonlChannelSettings } from '../../src/storage/channel-settings-jsonl.js';
import { createTestEngine } from './engine.js';
import { createSwitchableAnswerer, type SwitchableAnswerer } from './fake-answerer.js';
import {
  startFakeDiscord,
  type EditLimit,
  type FakeDiscord,
  type MessageRecord,
} from './fake-discord/index.js';
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
  /** Request the Message Content intent (dedicated channels, thread follow-ups without a mention). */
  readonly messageContent?: boolean;
  /** The fake's per-route limit on message edits (default: Discord's 5 per 5 s). */
  readonly editLimit?: EditLimit;
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
  const fake = await startFakeDiscord(options.editLimit ? { editLimit: options.editLimit } : {});
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-discord-'));
  const feedbackFile = path.join(dir, 'feedback.jsonl');
  const channelSettingsFile = path.join(dir, 'channel-settings.jsonl');
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
  const newBot = async () =>
    createDiscordBot({
      channelSettings: await loadJsonlChannelSettings(channelSettingsFile),
      answerer,
      articles: engine.articles,
      conversations: createConversationStore({ maxTurns: 6, maxAgeMs: 30 * 60_000 }),
      feedback: createFeedbackLog({ file: feedbackFile }),
      logger,
      options: {
        cooldownSeconds: COOLDOWN_SECONDS,
        maxQuestionLength: MAX_QUESTION_LENGTH,
        drainTimeoutMs: options.drainTimeoutMs ?? 5_000,
        ...(options.messageContent !== undefined ? { messageContent: options.messageContent } : {}),
      },
      restApi: fake.apiUrl,
      now: () => Date.now() + skew,
    });
  let bot = await newBot();
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
      bot = await newBot();
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

/**
 * The quotes an answer shows, unescaped: under its sources (`[n] ¶p` fields, block-quoted) or, in
 * an extractive answer, as block-quoted sentences each labelled `— ¶p`.
 */
export function shownQuotes(embeds: readonly APIEmbed[]): { paragraph: number; quote: string }[] {
  const inFields = embeds.flatMap((embed) =>
    (embed.fields ?? []).flatMap((field) => {
      const paragraph = /¶(\d+)/.exec(field.name)?.[1];
      if (paragraph === undefined) return [];
      return field.value
        .split('\n')
        .filter((line) => line.startsWith('> '))
        .map((line) => ({
          paragraph: Number(paragraph),
          quote: unescapeMarkdown(line.slice(2)).replace(/…$/, ''),
        }));
    }),
  );
  const inText = embeds.flatMap((embed) =>
    (embed.description ?? '').split('\n').flatMap((line) => {
      const labelled = /^> (.*) — \[?¶(\d+)(?:\]\(.*\))?$/.exec(line);
      return labelled?.[1] !== undefined && labelled[2] !== undefined
        ? [{ paragraph: Number(labelled[2]), quote: unescapeMarkdown(labelled[1]) }]
        : [];
    }),
  );
  return [...inFields, ...inText];
}

/** What kind of answer a message shows, told by its colour as a reader tells it at a glance. */
export function answerKind(message: MessageRecord | undefined): AnswerMode | undefined {
  const color = message?.embeds[0]?.color;
  const found = Object.entries(ANSWER_COLORS).find(([, value]) => value === color);
  return found?.[0] as AnswerMode | undefined;
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
