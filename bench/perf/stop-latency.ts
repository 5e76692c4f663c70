import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { REST } from 'discord.js';
import { createDiscordBot } from '../../src/discord/runtime/bot.js';
import { buildCommands } from '../../src/discord/commands/index.js';
import { deployCommands } from '../../src/discord/runtime/deploy-commands.js';
import { STOPPED_NOTE, WRITING } from '../../src/discord/render/render-partial.js';
import { createFeedbackLog } from '../../src/feedback/feedback-log.js';
import { createLogger } from '../../src/logging/logger.js';
import { claimsReply } from '../../tests/helpers/claims-reply.js';
import { buttonIds } from '../../tests/helpers/discord-harness.js';
import { createTestEngine } from '../../tests/helpers/engine.js';
import { startFakeDiscord } from '../../tests/helpers/fake-discord/index.js';
import { startFakeOpenAi } from '../../tests/helpers/fake-openai.js';
import { roundSummary, summarize, type Summary } from '../lib/stats.js';

/** The fake model for the Stop bench: 300 ms to the first token, then 40 tokens a second. */
export const STOP_MODEL = { timeToFirstTokenMs: 300, tokensPerSecond: 40 } as const;

export interface StopFigures {
  readonly answers: number;
  /** From the Stop press reaching the bot (its dispatch) to Discord receiving the "Stopped" edit. */
  readonly pressToEditMs: Summary;
  /**
   * From the press to the bot's acknowledgement of it (its deferUpdate reaching Discord): the part of
   * the delay that is getting the press to the bot and back at all, before any Stop work.
   */
  readonly pressToAckMs: Summary;
  /** From that acknowledgement to the "Stopped" edit: the Stop's own work (the stream ended, the edit built). */
  readonly ackToEditMs: Summary;
  /** The longest the event loop was blocked from the first press until every answer settled. */
  readonly eventLoopMaxMs: number;
  /** Answers whose "Stopped" edit never came (should be none). */
  readonly missing: number;
  /** Model answers that built a no-model answer after the Stop (should be none). */
  readonly fallbacks: number;
  /** Warnings the engine and the bot logged (a reader's own Stop is none). */
  readonly warnings: number;
}

const QUESTION = 'Why did the United States shelve the sanctions, and what is Salt Typhoon?';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const shown = (body: unknown) => JSON.stringify(body);

/**
 * `answers` readers ask /ask at once through the real bot and engine (loopback Discord, streaming
 * fake model); each presses Stop as soon as its first claim is on screen, while the model writes the
 * next. Times come from what the loopback Discord dispatched and received.
 */
export async function measureStop(answers: number): Promise<StopFigures> {
  const openai = await startFakeOpenAi(STOP_MODEL);
  openai.onChat((body) => ({ content: claimsReply(body).content }));
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', sink: { write: (line: string) => lines.push(line) } });
  const engine = await createTestEngine({
    baseURL: openai.baseURL,
    logger,
    maxConcurrent: answers,
    timeoutMs: 10_000,
  });
  const fake = await startFakeDiscord({ waitTimeoutMs: 60_000 });
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-stop-bench-'));
  const rest = new REST({ api: fake.apiUrl }).setToken(fake.botToken);
  await deployCommands({
    rest,
    applicationId: fake.applicationId,
    guildId: fake.guildId,
    commands: buildCommands(engine.articles, { maxQuestionLength: 500 }),
  });
  const bot = createDiscordBot({
    answerer: engine.answerer,
    articles: engine.articles,
    feedback: createFeedbackLog({ file: path.join(dir, 'feedback.jsonl') }),
    logger,
    options: { cooldownSeconds: 0, maxQuestionLength: 500 },
    restApi: fake.apiUrl,
  });
  try {
    await bot.start(fake.botToken);
    await fake.waitForReady();
    const users = Array.from({ length: answers }, (_, i) => fake.createUser(`stopper${i}`));
    const asks = users.map((user) =>
      fake.sendCommand({ name: 'ask', options: [{ name: 'question', type: 3, value: QUESTION }], user }),
    );
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const presses = await Promise.all(
      asks.map(async (ix, i) => {
        await ix.waitForReply({ timeoutMs: 60_000 });
        // Claim 1 on screen (more than the "writing…" line), Stop under it.
        for (let waited = 0; waited < 60_000; waited += 5) {
          const description = ix.original?.embeds[0]?.description ?? '';
          if (description.includes(WRITING) && description !== WRITING) break;
          await sleep(5);
        }
        const message = ix.original;
        const stop = buttonIds(message).find((id) => id.startsWith('stop:'));
        if (!message || !stop) return undefined;
        loop.enable();
        const press = fake.pressButton({ customId: stop, message, user: users[i]! });
        const ack = await press.ack;
        return { token: ix.token, pressedAt: press.dispatchedAt, ackAt: ack.at };
      }),
    );
    await bot.settled(60_000);
    loop.disable();
    const times: number[] = [];
    const afterAck: number[] = [];
    let missing = 0;
    for (const press of presses) {
      const edit = press
        ? fake.requests.find(
            (r) =>
              r.method === 'PATCH' &&
              r.path.includes(press.token) &&
              r.at >= press.pressedAt &&
              shown(r.body).includes(STOPPED_NOTE),
          )
        : undefined;
      if (press && edit) {
        times.push(edit.at - press.pressedAt);
        afterAck.push(edit.at - press.ackAt);
      } else missing += 1;
    }
    return {
      answers,
      pressToEditMs: roundSummary(summarize(times), 0),
      pressToAckMs: roundSummary(
        summarize(presses.flatMap((press) => (press ? [press.ackAt - press.pressedAt] : []))),
        0,
      ),
      ackToEditMs: roundSummary(summarize(afterAck), 0),
      eventLoopMaxMs: Math.round(loop.max / 1e6),
      missing,
      fallbacks: lines.filter((line) => line.includes('answering extractively')).length,
      warnings: lines.filter((line) => /"level":(40|50)/.test(line)).length,
    };
  } finally {
    await bot.stop();
    await fake.close();
    await openai.close();
    await rm(dir, { recursive: true, force: true });
  }
}
