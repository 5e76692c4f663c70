import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIUser } from 'discord.js';
import type { FakeChatBody } from './helpers/fake-openai.js';
import type { MessageRecord } from './helpers/fake-discord/index.js';
import {
  BAD_INPUTS,
  RAW_MENTION,
  createGullibleModel,
  promptLines,
  shownText,
  type BadInput,
  type Expect,
} from './helpers/bad-input.js';
import {
  COOLDOWN_SECONDS,
  answerKind,
  buttonIds,
  startHarness,
  type DiscordHarness,
} from './helpers/discord-harness.js';
import { TEST_KEY } from './helpers/engine.js';
import { createQuotingModel, readPrompt } from './helpers/quoting-model.js';

let h: DiscordHarness;
const EPHEMERAL = 64;
const PROMPT_LINES = promptLines('system.md', 'json-format.md');

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  h.openai.onChat(createQuotingModel());
  h.advance(COOLDOWN_SECONDS * 1000);
  expect(h.fake.violations).toEqual([]);
});

/** The bot messages sent while `run` ran (the bot having settled). */
async function sentDuring(run: () => Promise<unknown>): Promise<MessageRecord[]> {
  const before = h.fake.messages.length;
  await run();
  await h.bot.settled();
  return h.fake.messages.slice(before);
}

/** Nothing shown pings, reveals the prompt or the configuration. */
function expectHarmless(messages: readonly MessageRecord[]): void {
  expect(messages.length).toBeGreaterThan(0);
  const text = shownText(messages);
  for (const message of messages) expect(message.allowed_mentions?.parse).toEqual([]);
  expect(text).not.toMatch(RAW_MENTION);
  for (const line of PROMPT_LINES) expect(text).not.toContain(line);
  for (const secret of [TEST_KEY, h.fake.botToken, new URL(h.openai.baseURL).host, 'gpt-4.1-mini'])
    expect(text).not.toContain(secret);
}

/** The reply is the kind the input deserves. */
function expectReply(reply: MessageRecord | undefined, expected: Expect): void {
  const kind = answerKind(reply);
  if (expected === 'in-words') expect(reply?.content).toMatch(/in words/);
  if (expected === 'too-long') expect(reply?.content).toMatch(/the limit is \d+/);
  if (expected === 'answer') expect(['llm', 'extractive']).toContain(kind);
  if (expected === 'answer-or-declined') expect(['llm', 'extractive', 'declined']).toContain(kind);
}

function ask(user: APIUser, question: string) {
  return h.fake.sendCommand({ name: 'ask', options: [{ name: 'question', type: 3, value: question }], user });
}

async function replyTo(message: MessageRecord): Promise<MessageRecord> {
  return h.fake.waitForMessage((m) => m.message_reference?.message_id === message.id);
}

const slashCases = BAD_INPUTS.map((input) => [input.label, input] as const);
const messageCases = BAD_INPUTS.filter((input) => input.asMessage).map(
  (input) => [input.label, input] as const,
);

describe('bad input through /ask', () => {
  it.each(slashCases)('%s', async (_label, input: BadInput) => {
    const user = h.fake.createUser('tester');
    const ix = ask(user, input.text);
    const messages = await sentDuring(() => ix.waitForReply());
    expect(ix.callbacks).toHaveLength(1);
    const reply = ix.original;
    expectReply(reply, input.expect);
    if (input.expect === 'in-words' || input.expect === 'too-long')
      expect((reply?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expectHarmless(messages);
    // The restated question carries no live link, no link preview and no Markdown that escapes it.
    const content = reply?.content ?? '';
    expect(content).not.toMatch(/\]\(\s*<?https?:/);
    expect(content).not.toMatch(/(^|[^<])https?:\/\//);
    expect(content).not.toMatch(/(^|[^\\])```/);
  });
});

describe('bad input through DMs and mentions', () => {
  it.each(messageCases)('%s', async (_label, input: BadInput) => {
    for (const where of ['dm', 'mention'] as const) {
      const author = h.fake.createUser(`tester-${where}`);
      const sent = h.fake.sendMessage({
        content: input.text,
        author,
        ...(where === 'dm' ? { dm: true } : { mentionsBot: true }),
      });
      const messages = await sentDuring(() => replyTo(sent));
      expect(messages.filter((m) => m.message_reference?.message_id === sent.id)).toHaveLength(1);
      expectReply(messages[0], input.expect);
      expectHarmless(messages);
    }
  });
});

describe('prompt injection against a model that obeys it', () => {
  it.each(
    BAD_INPUTS.filter((input) => /instructions|prompt|quoted block/.test(input.label)).map(
      (input) => [input.label, input] as const,
    ),
  )('%s: the engine keeps the prompt in and the pings out', async (_label, input) => {
    const seen: FakeChatBody[] = [];
    h.openai.onChat(createGullibleModel(seen));
    // With a question about the story attached, the evidence gate lets it through to the model.
    const ix = ask(h.fake.createUser('jailbreaker'), `${input.text} Also, what is Salt Typhoon?`);
    const messages = await sentDuring(() => ix.waitForReply());
    expectHarmless(messages);
    expect(seen).toHaveLength(1);
    const prompt = readPrompt(seen[0]!);
    // The question reached the model inside its delimiters, unable to close them.
    expect(prompt.delimited).toBe(true);
    expect(prompt.question).not.toMatch(/<\/?question>/);
    if (/system prompt/i.test(input.text)) {
      expect(answerKind(ix.original)).toBe('declined');
      expect(shownText(messages)).toMatch(/repeated its own instructions/);
    }
  });
});

describe('tampered buttons and junk autocomplete', () => {
  it('answers every tampered button id privately, without acting on it', async () => {
    const owner = h.fake.createUser('owner');
    const { original } = await ask(owner, 'What is Salt Typhoon?').waitForReply();
    await h.bot.settled();
    const article = h.articles[0]!;
    const tampered = [
      'vote:sideways',
      `quote:${article.id}:0`,
      `quote:${article.id}:999999`,
      'quote:nope:1',
      `paras:${article.id}:0.999`,
      'paras:nope:1',
      'x'.repeat(100),
      '<@&123456789012345678>',
      `vote:up:${'9'.repeat(20)}`,
      ' ',
    ];
    for (const customId of tampered) {
      const message = {
        ...original!,
        components: [{ type: 1, components: [{ type: 2, style: 2, label: 'x', custom_id: customId }] }],
      } as MessageRecord;
      const press = h.fake.pressButton({ customId, message, user: h.fake.createUser('presser') });
      const { callback } = await press.waitForReply();
      expect(callback.type).toBe(4);
      expect(Number(callback.data?.flags) & EPHEMERAL).toBe(EPHEMERAL);
      expect(String(callback.data?.content)).toMatch(
        /doesn't look like one of mine|no longer have that answer/,
      );
    }
    expect(buttonIds(original)).toContain('vote:up');
  });

  it('offers valid paragraph choices for any junk typed into autocomplete', async () => {
    const junk = [
      '',
      ' ',
      '-5',
      '0',
      '999999999999999',
      '1e9',
      '3.7',
      '\u0000\u0007',
      '🤔',
      'ＡＢＣ',
      '<@&1> @everyone',
      'x'.repeat(200),
      '%s%n',
      '¶3',
    ];
    for (const value of junk) {
      const options = [{ name: 'paragraph', type: 4, value, focused: true }];
      const reply = await h.fake
        .sendAutocomplete({ name: 'quote', options, user: h.fake.createUser('typer') })
        .waitForReply();
      expect(reply.callback.type).toBe(8);
      const choices = (reply.choices ?? []) as { name: string; value: number }[];
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) {
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(
          Number.isInteger(choice.value) &&
            choice.value >= 1 &&
            choice.value <= h.articles[0]!.paragraphs.length,
        ).toBe(true);
        expect(choice.name).not.toMatch(RAW_MENTION);
      }
    }
  });
});

describe('the same question 20 times in a second', () => {
  it('through /ask: one answer, then a private "slow down" for each of the other 19', async () => {
    const user = h.fake.createUser('hammer');
    const asked = h.answerer.questions.length;
    const presses = Array.from({ length: 20 }, () => ask(user, 'What is Salt Typhoon?'));
    const replies = await Promise.all(presses.map((ix) => ix.waitForReply()));
    await h.bot.settled();
    expect(presses.every((ix) => ix.callbacks.length === 1)).toBe(true);
    expect(replies.filter((r) => answerKind(r.original) === 'llm')).toHaveLength(1);
    const slowDowns = replies.filter((r) =>
      String(r.callback.data?.content).includes('asking a little fast'),
    );
    expect(slowDowns).toHaveLength(19);
    for (const r of slowDowns) expect(Number(r.callback.data?.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(h.answerer.questions.length - asked).toBe(1);
  });

  it('by DM: one answer, and a "slow down" reply to each of the other 19', async () => {
    const user = h.fake.createUser('dm-hammer');
    const asked = h.answerer.questions.length;
    const sent = Array.from({ length: 20 }, () =>
      h.fake.sendMessage({ content: 'What is Salt Typhoon?', author: user, dm: true }),
    );
    await replyTo(sent[0]!);
    // A later question from someone else is a sync point: everything sent before it has been handled.
    await replyTo(
      h.fake.sendMessage({ content: 'What is Salt Typhoon?', author: h.fake.createUser('sync'), dm: true }),
    );
    await h.bot.settled();
    const replies = h.fake.messages.filter((m) => sent.some((s) => m.message_reference?.message_id === s.id));
    expect(replies).toHaveLength(20);
    expect(new Set(replies.map((m) => m.message_reference?.message_id)).size).toBe(20);
    expect(replies.filter((m) => answerKind(m) === 'llm')).toHaveLength(1);
    expect(replies.filter((m) => m.content.includes('asking a little fast'))).toHaveLength(19);
    expect(h.answerer.questions.length - asked).toBe(2);
  });
});
