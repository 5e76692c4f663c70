import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRecordingAnswerer } from '../src/answering/record-questions.js';
import { createTokenBudget, type TokenBudget } from '../src/answering/token-budget.js';
import { STOPPED_NOTE, WRITING } from '../src/discord/render/render-partial.js';
import { openRecords, type Records } from '../src/storage/records.js';
import { createLogger } from '../src/logging/logger.js';
import {
  answerKind,
  buttonIds,
  COOLDOWN_SECONDS,
  messageText,
  MODEL_TIMEOUT_MS,
  startHarness,
  type DiscordHarness,
} from './helpers/discord-harness.js';
import { createTestEngine } from './helpers/engine.js';
import type { FakeChatBody } from './helpers/fake-openai.js';
import { claimsReply, promptOf, type ClaimsReply } from './helpers/claims-reply.js';
import { captureLogs } from './helpers/llm-test-setup.js';

/** The fake model writes 80 tokens a second, as a hosted model does: claims complete about a second apart. */
const TOKENS_PER_SECOND = 80;
const QUESTION = 'Why did the United States shelve the sanctions, and what is Salt Typhoon?';

let h: DiscordHarness;
let records: Records;
let budget: TokenBudget;
let engineLogs: ReturnType<typeof captureLogs>;
let dir: string;

beforeAll(async () => {
  h = await startHarness({ modelStream: { tokensPerSecond: TOKENS_PER_SECOND } });
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-interrupted-'));
  records = await openRecords({
    varDir: dir,
    storeDmText: false,
    retentionDays: 0,
    logger: createLogger({ level: 'silent' }),
  });
  budget = createTokenBudget({ dailyCap: 0, model: 'gpt-test' });
  engineLogs = captureLogs();
  // The real engine on the streaming fake, recording every question and counting every token.
  const engine = await createTestEngine({
    baseURL: h.openai.baseURL,
    budget,
    logger: engineLogs.logger,
    timeoutMs: MODEL_TIMEOUT_MS,
  });
  h.answerer.use(
    createRecordingAnswerer(engine.answerer, records.questions, { channelKind: 'server' }, 'gpt-test'),
  );
});
afterAll(async () => {
  records?.close();
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  h.advance(COOLDOWN_SECONDS * 1000);
  expect(h.fake.violations).toEqual([]);
});

const shown = (text: string) => text.replace(/\\/g, '');
/** What the engine logged from `from` on (its lines so far: `engineLogs.lines.length`). */
const loggedSince = (from: number) => engineLogs.lines.slice(from).join('\n');

/** The record of the last question, once the recorder has written it. */
async function lastRecord(after: number) {
  return vi.waitFor(
    async () => {
      const { rows } = await records.client.execute(
        'SELECT id, mode, interrupted, claims_kept, prompt_tokens, completion_tokens, model FROM questions ORDER BY id DESC LIMIT 1',
      );
      const row = rows[0];
      if (!row || Number(row.id) <= after) throw new Error('not recorded yet');
      return row;
    },
    { timeout: 10_000, interval: 20 },
  );
}
const lastId = async () =>
  Number((await records.client.execute('SELECT MAX(id) AS id FROM questions')).rows[0]?.id ?? 0);

const ask = (user: string) =>
  h.fake.sendCommand({
    name: 'ask',
    options: [{ name: 'question', type: 3, value: QUESTION }],
    user: h.fake.createUser(user),
  });

describe('an answer the model fails partway through', () => {
  it('keeps the verified claims, says it was cut short and why, offers Retry, and records what was seen and spent', async () => {
    let sent: ClaimsReply | undefined;
    let body: FakeChatBody | undefined;
    const logged = engineLogs.lines.length;
    // The connection drops after claim 2, 15 tokens into claim 3.
    h.openai.onChat((request) => {
      body = request;
      sent = claimsReply(request);
      return { content: sent.content, dropAfterChunks: sent.pieceAt(2) + 15 };
    });
    const before = await lastId();
    const used = budget.usedToday;
    const ix = ask('dropped');
    await ix.waitForReply();
    await h.bot.settled();
    const [one, two, three] = sent!.claims;
    const final = ix.original;
    const text = shown(messageText(final));
    expect(text).toContain(one!.text.slice(0, 60));
    expect(text).toContain(two!.text.slice(0, 60));
    expect(text).not.toContain(three!.text.slice(0, 60));
    expect(text).toMatch(/cut short: the connection to the language model dropped/);
    // Not replaced by a no-model answer: the model's verified claims stay, and no fallback was built.
    expect(answerKind(final)).toBe('llm');
    expect(text).not.toMatch(/no AI model/i);
    expect(text).not.toContain(WRITING);
    expect(buttonIds(final)).toEqual(expect.arrayContaining(['retry', 'vote:up']));
    expect(loggedSince(logged)).not.toMatch(/answering extractively/);

    // The record and the budget: the two claims shown, and the tokens spent before the drop.
    const received = sent!.pieces.slice(0, sent!.pieceAt(2) + 15).join('');
    const spent = { prompt: countTokens(promptOf(body!)), completion: countTokens(received) };
    const row = await lastRecord(before);
    expect(row).toMatchObject({
      mode: 'llm',
      interrupted: 'cut short',
      claims_kept: 2,
      prompt_tokens: spent.prompt,
      completion_tokens: spent.completion,
      model: 'gpt-test',
    });
    expect(budget.usedToday - used).toBe(spent.prompt + spent.completion);

    // Retry asks the question again; this time the model finishes (a shorter answer).
    h.openai.onChat((request) => {
      const { claims } = claimsReply(request);
      return { content: JSON.stringify({ answerable: true, claims: claims.slice(0, 2), not_covered: null }) };
    });
    const retry = h.fake.pressButton({
      customId: 'retry',
      message: final!,
      user: h.fake.createUser('retrier'),
    });
    const again = await retry.waitForReply();
    await h.bot.settled();
    const whole = shown(messageText(retry.original ?? again.original));
    for (const claim of sent!.claims.slice(0, 2)) expect(whole).toContain(claim.text.slice(0, 60));
    expect(whole).not.toMatch(/cut short/);
    expect(buttonIds(retry.original ?? again.original)).not.toContain('retry');
  });

  it('falls back to the no-model answer only when it fails before the first verified claim', async () => {
    h.openai.onChat((request) => ({ content: claimsReply(request).content, dropAfterChunks: 5 }));
    const ix = ask('dropped-early');
    await ix.waitForReply();
    await h.bot.settled();
    expect(answerKind(ix.original)).toBe('extractive');
    expect(messageText(ix.original)).toMatch(/couldn't reach the language model/i);
  });
});

describe('Stop', () => {
  it('ends a claim being written at once, with no fallback work or warning, and records what the reader saw', async () => {
    let sent: ClaimsReply | undefined;
    let body: FakeChatBody | undefined;
    h.openai.onChat((request) => {
      body = request;
      sent = claimsReply(request);
      return { content: sent.content };
    });
    const before = await lastId();
    const used = budget.usedToday;
    const cutBefore = h.openai.streamsCutShort;
    const logged = engineLogs.lines.length;
    const asker = h.fake.createUser('stopper');
    const ix = h.fake.sendCommand({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: QUESTION }],
      user: asker,
    });
    await ix.waitForReply();
    // Claim 1 is on screen; the model is writing claim 2.
    const one = await vi.waitFor(
      () => {
        const first = sent?.claims[0]?.text.slice(0, 60);
        if (!first || !shown(messageText(ix.original)).includes(first))
          throw new Error('claim 1 not shown yet');
        return first;
      },
      { timeout: 10_000, interval: 10 },
    );
    const stop = buttonIds(ix.original).find((id) => id.startsWith('stop:'))!;
    await h.fake.pressButton({ customId: stop, message: ix.original!, user: asker }).ack;
    await h.bot.settled();
    const text = shown(messageText(ix.original));
    expect(text).toContain(one);
    expect(text).toContain(STOPPED_NOTE);
    expect(text).not.toContain(sent!.claims[1]!.text.slice(0, 60));
    // The model call ended; nothing was worked out in its place, and a reader's own Stop is no warning.
    await vi.waitFor(() => expect(h.openai.streamsCutShort).toBe(cutBefore + 1));
    expect(loggedSince(logged)).not.toMatch(/answering extractively|"level":(40|50)/);

    const row = await lastRecord(before);
    expect(row).toMatchObject({
      mode: 'llm',
      interrupted: 'stopped',
      claims_kept: 1,
      prompt_tokens: countTokens(promptOf(body!)),
      model: 'gpt-test',
    });
    // Counted from what arrived before the Stop: more than claim 1, less than the whole reply.
    const completion = Number(row.completion_tokens);
    expect(completion).toBeGreaterThan(countTokens(sent!.pieces.slice(0, sent!.pieceAt(1)).join('')));
    expect(completion).toBeLessThan(countTokens(sent!.content));
    expect(budget.usedToday - used).toBe(Number(row.prompt_tokens) + completion);
  });

  it('abandons an answer whose message was deleted: the model call ends, nothing more is sent, it is recorded as stopped', async () => {
    h.openai.onChat((request) => ({ content: claimsReply(request).content }));
    const before = await lastId();
    const cutBefore = h.openai.streamsCutShort;
    const logged = engineLogs.lines.length;
    const ix = ask('deleter');
    await ix.waitForReply();
    // A moderator deletes the answer while it is being written.
    ix.original!.deleted = true;
    await h.bot.settled();
    await vi.waitFor(() => expect(h.openai.streamsCutShort).toBe(cutBefore + 1));
    expect(ix.followUps).toEqual([]);
    expect(await lastRecord(before)).toMatchObject({ interrupted: 'stopped' });
    expect(loggedSince(logged)).not.toMatch(/answering extractively/);
    // The one edit that found the message gone, and nothing after it.
    expect(h.fake.violations.map((violation) => violation.code)).toEqual([10008]);
    h.fake.violations.length = 0;
  });
});
