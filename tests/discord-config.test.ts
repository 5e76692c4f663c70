import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIUser } from 'discord.js';
import {
  COOLDOWN_SECONDS,
  answerKind,
  startHarness,
  type DiscordHarness,
} from './helpers/discord-harness.js';
import type { CommandOption } from './helpers/fake-discord/index.js';

let h: DiscordHarness;
const EPHEMERAL = 64;
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

function config(
  user: APIUser,
  sub: 'set' | 'show',
  options: CommandOption[],
  channelId?: string,
  override = false,
) {
  return h.fake.sendCommand({
    name: 'config',
    options: [{ name: sub, type: 1, options }],
    user,
    ...(channelId !== undefined ? { channelId } : {}),
    ...(override ? { permissionOverride: true } : {}),
  });
}

function admin(): APIUser {
  const user = h.fake.createUser('admin');
  h.fake.grantPermissions(user, MANAGE_GUILD);
  return user;
}

describe('/config', () => {
  it('is registered for servers only, for members with Manage Server', () => {
    const command = h.fake.commands.find((c) => c.name === 'config');
    expect(command?.default_member_permissions).toBe(MANAGE_GUILD.toString());
    expect(command?.contexts).toEqual([0]);
  });

  it('refuses members without Manage Server, even when a server lets them run it', async () => {
    const member = h.fake.createUser('member');
    expect(() => config(member, 'show', [])).toThrow(/needs permissions/);
    const refused = await config(
      member,
      'set',
      [{ name: 'private', type: 5, value: true }],
      undefined,
      true,
    ).waitForReply();
    expect(refused.callback.type).toBe(4);
    expect(Number(refused.callback.data?.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(String(refused.callback.data?.content)).toMatch(/Manage Server/);
    const show = await config(member, 'show', [], undefined, true).waitForReply();
    expect(String(show.callback.data?.content)).toMatch(/Manage Server/);
  });

  it('shows the defaults, saves a change privately, and applies it to the next question without a restart', async () => {
    const channelId = h.fake.createChannel('private-answers');
    const boss = admin();
    const shown = await config(boss, 'show', [], channelId).waitForReply();
    expect(String(shown.callback.data?.content)).toMatch(/defaults/);
    const saved = await config(
      boss,
      'set',
      [{ name: 'private', type: 5, value: true }],
      channelId,
    ).waitForReply();
    expect(Number(saved.callback.data?.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(String(saved.callback.data?.content)).toMatch(/Private answers:\*\* on/);

    const ask = h.fake.sendCommand({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'What is Salt Typhoon?' }],
      user: h.fake.createUser('reader'),
      channelId,
    });
    const { original } = await ask.waitForReply();
    expect((original?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    // Elsewhere answers stay public.
    const elsewhere = await h.fake
      .sendCommand({
        name: 'ask',
        options: [{ name: 'question', type: 3, value: 'What is Salt Typhoon?' }],
        user: h.fake.createUser('other'),
      })
      .waitForReply();
    expect((elsewhere.original?.flags ?? 0) & EPHEMERAL).toBe(0);
    await h.bot.settled();
  });

  it('keeps settings across a restart (stored durably)', async () => {
    const channelId = h.fake.createChannel('kept');
    const boss = admin();
    await config(boss, 'set', [{ name: 'threads', type: 5, value: true }], channelId).waitForReply();
    await h.restart();
    const shown = await config(boss, 'show', [], channelId).waitForReply();
    expect(String(shown.callback.data?.content)).toMatch(/Threads:\*\* on/);
  });
});

describe('a dedicated channel', () => {
  it('treats every message as a question; other channels still need a mention', async () => {
    const channelId = h.fake.createChannel('ask-the-story');
    await config(
      admin(),
      'set',
      [{ name: 'mode', type: 3, value: 'every-message' }],
      channelId,
    ).waitForReply();
    const question = h.fake.sendMessage({
      content: 'What is Salt Typhoon?',
      author: h.fake.createUser('walk-in'),
      channelId,
    });
    const reply = await h.fake.waitForMessage((m) => m.message_reference?.message_id === question.id);
    await h.bot.settled();
    expect(['llm', 'extractive']).toContain(answerKind(reply));

    const chatter = h.fake.sendMessage({
      content: 'What is Salt Typhoon?',
      author: h.fake.createUser('chat'),
    });
    // A later mention in #general is the sync point: the unmentioned message before it got no reply.
    const sync = h.fake.sendMessage({
      content: 'What is Salt Typhoon?',
      author: h.fake.createUser('s'),
      mentionsBot: true,
    });
    await h.fake.waitForMessage((m) => m.message_reference?.message_id === sync.id);
    await h.bot.settled();
    expect(h.fake.messages.some((m) => m.message_reference?.message_id === chatter.id)).toBe(false);
  });
});
