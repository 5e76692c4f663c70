import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIUser } from 'discord.js';
import { createQuotingModel } from './helpers/quoting-model.js';
import {
  COOLDOWN_SECONDS,
  answerKind,
  buttonIds,
  shownQuotes,
  startHarness,
  type DiscordHarness,
} from './helpers/discord-harness.js';

let h: DiscordHarness;
const EPHEMERAL = 64;
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  h.answerer.reset();
  h.openai.onChat(createQuotingModel());
  h.advance(COOLDOWN_SECONDS * 1000);
  expect(h.fake.violations).toEqual([]);
});

function ask(user: APIUser, question: string) {
  return h.fake.sendCommand({ name: 'ask', options: [{ name: 'question', type: 3, value: question }], user });
}

const followUpIds = (ids: readonly string[]) => ids.filter((id) => id.startsWith('ask:'));

describe('follow-up buttons', () => {
  it('offers up to three questions under an answer; pressing one asks it as the presser, in the same place', async () => {
    const { original } = await ask(h.fake.createUser('asker'), 'What is Salt Typhoon?').waitForReply();
    await h.bot.settled();
    const offered = followUpIds(buttonIds(original));
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.length).toBeLessThanOrEqual(3);

    const presser = h.fake.createUser('presser');
    const asked = h.answerer.questions.length;
    const press = h.fake.pressButton({ customId: offered[0]!, message: original!, user: presser });
    const reply = await press.waitForReply();
    await h.bot.settled();
    expect(reply.callback.type).toBe(5);
    expect(reply.original?.channel_id).toBe(original?.channel_id);
    expect((reply.original?.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(reply.original?.interaction_metadata?.user).toMatchObject({ id: presser.id });
    const question = h.answerer.questions.at(-1);
    expect(h.answerer.questions.length - asked).toBe(1);
    expect(question?.question).toMatch(/^What about .+\?$/);
    expect(reply.original?.content).toContain(question?.question);
    // The follow-up continues the conversation of the answer it was under.
    expect(question?.history?.[0]?.question).toBe('What is Salt Typhoon?');
    expect(answerKind(reply.original)).not.toBe('declined');
    const article = h.articles[0]!;
    for (const { paragraph, quote } of shownQuotes(reply.original?.embeds ?? []))
      expect(normalise(article.paragraphs[paragraph - 1]?.text ?? '')).toContain(normalise(quote));

    // The presser's own cooldown applies: a second press at once is refused privately.
    const again = await h.fake
      .pressButton({ customId: offered.at(-1)!, message: original!, user: presser })
      .waitForReply();
    expect(again.callback.type).toBe(4);
    expect(Number(again.callback.data?.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(String(again.callback.data?.content)).toMatch(/asking a little fast/);
  });

  it('declines in one sentence with suggested questions as buttons, and no votes', async () => {
    const { original } = await ask(
      h.fake.createUser('curious'),
      'What is the capital of France?',
    ).waitForReply();
    await h.bot.settled();
    expect(answerKind(original)).toBe('declined');
    const ids = buttonIds(original);
    expect(ids).not.toContain('vote:up');
    expect(ids).not.toContain('vote:down');
    expect(followUpIds(ids).length).toBeGreaterThan(0);
    expect(original?.embeds[0]?.title).toBeUndefined();
    const press = await h.fake
      .pressButton({ customId: followUpIds(ids)[0]!, message: original!, user: h.fake.createUser('next') })
      .waitForReply();
    await h.bot.settled();
    expect(answerKind(press.original)).not.toBe('declined');
  });

  it('refuses a tampered follow-up id privately', async () => {
    const { original } = await ask(h.fake.createUser('t'), 'What is Salt Typhoon?').waitForReply();
    await h.bot.settled();
    const forged = {
      ...original!,
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'x', custom_id: 'ask:nope:1:0' }] }],
    } as typeof original & object;
    const bad = await h.fake
      .pressButton({ customId: 'ask:nope:1:0', message: forged, user: h.fake.createUser('forger') })
      .waitForReply();
    expect(Number(bad.callback.data?.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(String(bad.callback.data?.content)).toMatch(/doesn't look like one of mine/);
  });
});
