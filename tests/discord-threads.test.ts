import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIUser } from 'discord.js';
import {
  COOLDOWN_SECONDS,
  answerKind,
  startHarness,
  type DiscordHarness,
} from './helpers/discord-harness.js';

let h: DiscordHarness;
const MANAGE_GUILD = 1n << 5n;

beforeAll(async () => {
  h = await startHarness({ messageContent: true });
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  h.advance(COOLDOWN_SECONDS * 1000);
  expect(h.fake.violations).toEqual([]);
});

/** A channel with threads on, set through /config by a member with Manage Server. */
async function threadedChannel(name: string): Promise<string> {
  const channelId = h.fake.createChannel(name);
  const admin = h.fake.createUser(`${name}-admin`);
  h.fake.grantPermissions(admin, MANAGE_GUILD);
  await h.fake
    .sendCommand({
      name: 'config',
      options: [{ name: 'set', type: 1, options: [{ name: 'threads', type: 5, value: true }] }],
      user: admin,
      channelId,
    })
    .waitForReply();
  return channelId;
}

/** The bot's first message in a thread after message `afterId`, once the bot has finished. */
async function answerIn(threadId: string, afterId: string) {
  const reply = await h.fake.waitForMessage(
    (m) => m.channel_id === threadId && BigInt(m.id) > BigInt(afterId),
  );
  await h.bot.settled();
  return reply;
}

describe('threads', () => {
  it('opens a thread per question named after it; follow-ups there need no mention and share its memory', async () => {
    const channelId = await threadedChannel('threaded');
    const reader: APIUser = h.fake.createUser('threader');
    const long = `What is Salt Typhoon, ${'and who is behind it, '.repeat(6)}really?`;
    const question = h.fake.sendMessage({ content: long, author: reader, channelId, mentionsBot: true });
    const thread = await h.fake.waitFor(
      () => h.fake.threads.find((t) => t.id === question.id),
      'a thread on the question',
    );
    expect(thread.thread?.parentId).toBe(channelId);
    expect(thread.name?.length).toBeLessThanOrEqual(100);
    expect(thread.name?.startsWith('What is Salt Typhoon, and who is behind it')).toBe(true);
    expect(thread.thread?.autoArchiveDuration).toBe(1440);
    const first = await answerIn(thread.id, question.id);
    expect(['llm', 'extractive']).toContain(answerKind(first));
    // Not answered in the channel itself.
    expect(h.fake.messages.some((m) => m.message_reference?.message_id === question.id)).toBe(false);

    h.advance(COOLDOWN_SECONDS * 1000);
    const followUp = h.fake.sendMessage({
      content: 'Which networks did it infiltrate?',
      author: reader,
      channelId: thread.id,
    });
    const second = await answerIn(thread.id, followUp.id);
    expect(['llm', 'extractive', 'declined']).toContain(answerKind(second));
    const seen = h.answerer.questions.at(-1);
    expect(seen?.question).toBe('Which networks did it infiltrate?');
    expect(seen?.history?.map((turn) => turn.question)).toEqual([long.replace(/\s+/g, ' ').trim()]);
  });

  it('opens a thread on the answer to /ask, where follow-ups continue without a mention', async () => {
    const channelId = await threadedChannel('threaded-ask');
    const reader = h.fake.createUser('slash-threader');
    const ix = h.fake.sendCommand({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'What is Salt Typhoon?' }],
      user: reader,
      channelId,
    });
    const { original } = await ix.waitForReply();
    const thread = await h.fake.waitFor(
      () => h.fake.threads.find((t) => t.id === original?.id),
      'a thread on the answer',
    );
    expect(thread.name).toBe('What is Salt Typhoon?');
    await h.bot.settled();
    h.advance(COOLDOWN_SECONDS * 1000);
    const followUp = h.fake.sendMessage({
      content: 'Who is accused of it?',
      author: reader,
      channelId: thread.id,
    });
    const reply = await answerIn(thread.id, followUp.id);
    expect(answerKind(reply)).toBeDefined();
    expect(h.answerer.questions.at(-1)?.history?.map((turn) => turn.question)).toEqual([
      'What is Salt Typhoon?',
    ]);
  });
});
