import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REST } from 'discord.js';
import { encode } from 'gpt-tokenizer';
import type { Article } from '../../src/articles/types.js';
import { splitSentences } from '../../src/answering/extractive/sentences.js';
import type { StreamedClaim, StreamEvent } from '../../src/discord/ask/answer-stream.js';
import { createDiscordBot } from '../../src/discord/runtime/bot.js';
import { buildCommands } from '../../src/discord/commands/index.js';
import { deployCommands } from '../../src/discord/runtime/deploy-commands.js';
import { ANSWER_FOOTER } from '../../src/discord/render/render-answer.js';
import type { Answer, Answerer, Question } from '../../src/domain/types.js';
import { createFeedbackLog } from '../../src/feedback/feedback-log.js';
import { createLogger } from '../../src/logging/logger.js';
import { startFakeDiscord } from '../../tests/helpers/fake-discord/index.js';
import { roundSummary, summarize, type Summary } from '../lib/stats.js';

/** The fake model: silent for 500 ms (retrieval, prompt, time to first token), then 40 tokens a second. */
export const MODEL = { firstTokenMs: 500, tokensPerSecond: 40 } as const;

export interface StreamingFigures {
  readonly users: number;
  readonly streaming: boolean;
  /** From the question to the first verified claim on screen. */
  readonly firstClaimMs: Summary;
  /** From the model starting to write (500 ms in) to the first claim on screen. */
  readonly firstClaimAfterWritingMs: Summary;
  /** From the model finishing the first claim (it cannot be checked before) to it being on screen. */
  readonly firstClaimAfterCompleteMs: Summary;
  /** When the model finishes the first claim, after the question. */
  readonly firstClaimReadyMs: number;
  /** From the question to the final answer (sources and buttons) on screen. */
  readonly finalMs: Summary;
  /** Edits refused with 429 (the bot should never see one). */
  readonly rateLimited: number;
}

/** An answer of the article's first sentences, each a verified claim, with when the model would finish each. */
function scriptedAnswer(article: Article, question: string) {
  const sentences = article.paragraphs.slice(0, 4).map((p) => splitSentences(p.text)[0] ?? p.text);
  const claims: StreamedClaim[] = sentences.map((quote, index) => ({
    text: `${quote} [${index + 1}]`,
    citations: [{ n: index + 1, articleId: article.id, paragraph: index + 1, quote, verified: true }],
  }));
  let tokens = 0;
  // The model writes each claim as JSON (its quote, then its text): that is what it spends tokens on.
  const readyAtMs = claims.map((claim) => {
    tokens += encode(
      JSON.stringify({ quotes: [{ source: 1, quote: claim.citations[0]?.quote }], text: claim.text }),
    ).length;
    return MODEL.firstTokenMs + (tokens / MODEL.tokensPerSecond) * 1000;
  });
  const answer: Answer = {
    question,
    mode: 'llm',
    text: claims.map((claim) => claim.text).join(' '),
    citations: claims.flatMap((claim) => claim.citations),
    claims,
    removed: { count: 0, reasons: [] },
    retrieved: [],
    article: { id: article.id, title: article.title, ...(article.url ? { url: article.url } : {}) },
    notes: [],
    suggestions: [],
    usage: { promptTokens: 0, completionTokens: tokens },
    timingsMs: { retrieval: 0, llm: readyAtMs.at(-1) ?? 0, total: readyAtMs.at(-1) ?? 0 },
  };
  return { claims, readyAtMs, answer };
}

const sleepUntil = (at: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

/** The paced fake model as an answerer: streaming (claims as they complete) or not (one answer at the end). */
function pacedAnswerer(article: Article, streaming: boolean): Answerer {
  const answer = async (question: Question) => {
    const script = scriptedAnswer(article, question.question);
    await sleepUntil(Date.now() + (script.readyAtMs.at(-1) ?? 0));
    return script.answer;
  };
  if (!streaming)
    return {
      answer,
      async *answerStream(question: Question): AsyncGenerator<StreamEvent> {
        yield { type: 'done', answer: await answer(question) };
      },
    };
  return {
    answer,
    async *answerStream(question: Question): AsyncGenerator<StreamEvent> {
      const started = Date.now();
      const script = scriptedAnswer(article, question.question);
      for (const [index, claim] of script.claims.entries()) {
        await sleepUntil(started + (script.readyAtMs[index] ?? 0));
        yield { type: 'claim', claim };
      }
      yield { type: 'done', answer: script.answer };
    },
  };
}

/** `users` ask /ask at once through the real bot and the loopback Discord; times come from what Discord received. */
export async function measureStreaming(
  articles: readonly Article[],
  users: number,
  streaming: boolean,
): Promise<StreamingFigures> {
  const article = articles[0];
  if (!article) throw new Error('no article loaded');
  const fake = await startFakeDiscord({ waitTimeoutMs: 60_000 });
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-stream-bench-'));
  const rest = new REST({ api: fake.apiUrl }).setToken(fake.botToken);
  await deployCommands({
    rest,
    applicationId: fake.applicationId,
    guildId: fake.guildId,
    commands: buildCommands(articles, { maxQuestionLength: 500 }),
  });
  const bot = createDiscordBot({
    answerer: pacedAnswerer(article, streaming),
    articles,
    feedback: createFeedbackLog({ file: path.join(dir, 'feedback.jsonl') }),
    logger: createLogger({ level: 'silent' }),
    options: { cooldownSeconds: 0, maxQuestionLength: 500 },
    restApi: fake.apiUrl,
  });
  try {
    await bot.start(fake.botToken);
    await fake.waitForReady();
    const script = scriptedAnswer(article, '');
    const firstClaim = script.claims[0]?.text.slice(0, 40) ?? '';
    const readyAt = Math.round(script.readyAtMs[0] ?? 0);
    const asks = Array.from({ length: users }, (_, i) =>
      fake.sendCommand({
        name: 'ask',
        options: [{ name: 'question', type: 3, value: `Why did the U.S. shelve the sanctions? (${i})` }],
        user: fake.createUser(`bench${i}`),
      }),
    );
    await Promise.all(asks.map((ix) => ix.waitForReply({ timeoutMs: 60_000 })));
    await bot.settled(60_000);
    const first: number[] = [];
    const final: number[] = [];
    for (const ix of asks) {
      const edits = fake.requests.filter(
        (r) => r.method === 'PATCH' && r.path.includes(ix.token) && r.status === 200,
      );
      const body = (r: { body: unknown }) => JSON.stringify(r.body);
      const shown = edits.find((r) => body(r).includes(firstClaim.replace(/"/g, '\\"').slice(0, 20)));
      const done = edits.find((r) => body(r).includes(ANSWER_FOOTER));
      if (shown) first.push(shown.at - ix.dispatchedAt);
      if (done) final.push(done.at - ix.dispatchedAt);
    }
    return {
      users,
      streaming,
      firstClaimMs: roundSummary(summarize(first), 0),
      firstClaimAfterWritingMs: roundSummary(summarize(first.map((ms) => ms - MODEL.firstTokenMs)), 0),
      firstClaimAfterCompleteMs: roundSummary(summarize(first.map((ms) => ms - readyAt)), 0),
      firstClaimReadyMs: readyAt,
      finalMs: roundSummary(summarize(final), 0),
      rateLimited: fake.rateLimited.length,
    };
  } finally {
    await bot.stop();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}
