import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIUser } from 'discord.js';
import { GENERIC_APOLOGY, UserFacingError } from '../src/errors.js';
import { hashUserId, readFeedbackLog } from '../src/feedback/feedback-log.js';
import { throwingAnswerer, slowAnswerer } from './helpers/fake-answerer.js';
import type { InteractionHandle, MessageRecord, WaitForReplyOptions } from './helpers/fake-discord/index.js';
import { fakeErrors } from './helpers/fake-openai.js';
import { createQuotingModel, readPrompt } from './helpers/quoting-model.js';
import { unescapeMarkdown } from './helpers/discord-fixtures.js';
import {
  COOLDOWN_SECONDS,
  answerKind,
  buttonIds,
  messageText,
  shownQuotes,
  startHarness,
  type DiscordHarness,
} from './helpers/discord-harness.js';

let h: DiscordHarness;
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
const EPHEMERAL = 64;
const isEphemeral = (flags: number | undefined) => ((flags ?? 0) & EPHEMERAL) === EPHEMERAL;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  h.answerer.reset();
  h.openai.onChat(createQuotingModel());
  // Each test starts with every cooldown over.
  h.advance(COOLDOWN_SECONDS * 1000);
  expect(h.fake.violations).toEqual([]);
});

function article() {
  const first = h.articles[0];
  if (!first) throw new Error('no article loaded from data/');
  return first;
}

/** Each quote shown is in its paragraph of the article, word for word. */
function expectVerbatim(quotes: readonly { paragraph: number; quote: string }[]): void {
  expect(quotes.length).toBeGreaterThan(0);
  for (const { paragraph, quote } of quotes) {
    expect(normalise(article().paragraphs[paragraph - 1]?.text ?? '')).toContain(normalise(quote));
  }
}

function ask(user: APIUser, question: string, extra: { private?: boolean; guild?: boolean } = {}) {
  const options = [
    { name: 'question', type: 3, value: question },
    ...(extra.private !== undefined ? [{ name: 'private', type: 5, value: extra.private }] : []),
  ];
  return h.fake.sendCommand({
    name: 'ask',
    options,
    user,
    ...(extra.guild !== undefined ? { guild: extra.guild } : {}),
  });
}

/** The bot's reply to a message, once the bot has finished with it (memory recorded). */
async function replyTo(message: MessageRecord): Promise<MessageRecord> {
  const reply = await h.fake.waitForMessage((m) => m.message_reference?.message_id === message.id);
  await h.bot.settled();
  return reply;
}

/** The reply to an interaction, once the bot has finished with it. */
async function settledReply(ix: InteractionHandle, options?: WaitForReplyOptions) {
  const reply = await ix.waitForReply(options);
  await h.bot.settled();
  return reply;
}

const SANCTIONS = 'Why did the United States shelve the sanctions against the Ministry of State Security?';

describe('/ask', () => {
  it('defers at once in a guild, then edits in an answer with verified quotes', async ({ annotate }) => {
    const ix = ask(h.fake.createUser('alice'), SANCTIONS);
    const ack = await ix.ack;
    expect(ack.type).toBe(5);
    const latency = ack.at - ix.dispatchedAt;
    await annotate(`guild /ask acknowledged in ${latency} ms`);
    // The fake refuses a callback after Discord's 3 s deadline (10062); an accepted ack is the check.
    expect(ack.error).toBeUndefined();
    const { original } = await ix.waitForReply();
    expect(original?.content).toContain('**Q:** Why did the United States shelve');
    expect(isEphemeral(original?.flags)).toBe(false);
    expectVerbatim(shownQuotes(original?.embeds ?? []));
    expect(original?.embeds[0]?.footer?.text).toMatch(/word for word/);
    expect(buttonIds(original)).toEqual(expect.arrayContaining(['vote:up', 'vote:down']));
    expect(original?.allowed_mentions?.parse).toEqual([]);
  });

  it('works in a DM with the bot', async ({ annotate }) => {
    const ix = ask(h.fake.createUser('dmitri'), 'What is Salt Typhoon?', { guild: false });
    const ack = await ix.ack;
    await annotate(`DM /ask acknowledged in ${ack.at - ix.dispatchedAt} ms`);
    expect(ack.type).toBe(5);
    const { original } = await ix.waitForReply();
    expectVerbatim(shownQuotes(original?.embeds ?? []));
  });

  it('answers privately with private:true', async () => {
    const ix = ask(h.fake.createUser('priya'), SANCTIONS, { private: true });
    const ack = await ix.ack;
    expect(isEphemeral(Number(ack.data?.flags))).toBe(true);
    const { original } = await ix.waitForReply();
    expect(isEphemeral(original?.flags)).toBe(true);
    expectVerbatim(shownQuotes(original?.embeds ?? []));
  });

  it('tells a user over the cooldown when to try again, privately', async () => {
    const user = h.fake.createUser('quick');
    await ask(user, SANCTIONS).waitForReply();
    const again = ask(user, SANCTIONS);
    const { callback } = await again.waitForReply();
    expect(callback.type).toBe(4);
    expect(isEphemeral(Number(callback.data?.flags))).toBe(true);
    expect(String(callback.data?.content)).toMatch(/You can ask again <t:\d+:R>\.$/);
    h.advance(COOLDOWN_SECONDS * 1000);
    expect((await ask(user, SANCTIONS).ack).type).toBe(5);
  });
});

describe('answers that must be shaped', () => {
  it('splits an answer too long for one message into follow-ups within every limit', async () => {
    h.openai.onChat((body) => {
      const passage = readPrompt(body).passages[0];
      const quote = passage?.text.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? passage?.text ?? '';
      const sentence =
        'The report describes how officials weighed the trade truce against the case for sanctions [1]. ';
      return {
        content: JSON.stringify({
          answerable: true,
          answer: sentence.repeat(100),
          citations: [{ source: 1, quote }],
        }),
      };
    });
    const ix = ask(h.fake.createUser('longreader'), SANCTIONS);
    const reply = await ix.waitForReply({ followUps: 1 });
    const all = [reply.original, ...reply.followUps];
    const described = all
      .flatMap((m) => m?.embeds ?? [])
      .map((e) => e.description ?? '')
      .join(' ');
    expect(described.match(/\[1\]\./g)?.length).toBe(100);
    expect(buttonIds(all.at(-1))).toContain('vote:up');
    for (const message of all) expect(message?.allowed_mentions?.parse).toEqual([]);
  });

  it('never pings: @everyone and role mentions from the model are inert', async () => {
    h.openai.onChat((body) => {
      const passage = readPrompt(body).passages[0];
      const quote = passage?.text.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? '';
      // Claims must be supported by their quotes, so the mentions ride on a true claim and in not_covered.
      const claims = [{ quotes: [{ source: 1, quote }], text: `@everyone @here ${quote}` }];
      const notCovered = '<@&123456789012345678> <@123456789012345678> read https://evil.example now';
      return { content: JSON.stringify({ answerable: true, claims, not_covered: notCovered }) };
    });
    const ix = ask(h.fake.createUser('mallory'), SANCTIONS);
    const { original } = await ix.waitForReply();
    const text = messageText(original);
    expect(text).not.toMatch(/@everyone|@here|<@&\d+>|<@!?\d+>/);
    expect(text).toContain('<https://evil.example>');
    expect(original?.allowed_mentions).toMatchObject({ parse: [] });
    const sends = h.fake.requests.filter(
      (r) => r.method !== 'GET' && typeof r.body === 'object' && r.body !== null,
    );
    for (const request of sends) {
      const mentions = (request.body as { allowed_mentions?: { parse?: unknown } }).allowed_mentions;
      if (mentions) expect(mentions.parse).toEqual([]);
    }
  });
});

describe('failures', () => {
  it('tells the user when the model fails (the engine falls back to quoting), and keeps answering', async () => {
    h.openai.queueChat(fakeErrors.serverError(500));
    const failed = await ask(h.fake.createUser('erin'), SANCTIONS).waitForReply();
    expect(answerKind(failed.original)).toBe('extractive');
    expect(failed.original?.embeds[0]?.description).toContain('ℹ️');
    expectVerbatim(shownQuotes(failed.original?.embeds ?? []));
    const after = await ask(h.fake.createUser('erin2'), SANCTIONS).waitForReply();
    expectVerbatim(shownQuotes(after.original?.embeds ?? []));
  });

  it('tells the user when the model times out, and keeps answering', async () => {
    h.openai.queueChat({ content: '{}', delayMs: 3_000 });
    const slow = await ask(h.fake.createUser('tim'), SANCTIONS).waitForReply();
    expect(answerKind(slow.original)).toBe('extractive');
    expect(slow.original?.embeds[0]?.description).toContain('ℹ️');
    expect(h.fake.connected).toBe(true);
    const after = await ask(h.fake.createUser('tim2'), SANCTIONS).waitForReply();
    expectVerbatim(shownQuotes(after.original?.embeds ?? []));
  });

  it('passes on a friendly engine error as it is', async () => {
    h.answerer.use(
      throwingAnswerer(
        new UserFacingError('Lots of questions right now; please try again in a minute.', 'busy'),
      ),
    );
    const { original } = await ask(h.fake.createUser('crowd'), SANCTIONS).waitForReply();
    expect(original?.content).toBe('Lots of questions right now; please try again in a minute.');
    expect(original?.embeds).toEqual([]);
  });

  it('answers a throwing handler with the generic apology and logs context without the question', async () => {
    h.answerer.use(throwingAnswerer(new Error('engine bug')));
    const user = h.fake.createUser('bugsy');
    const { original } = await ask(user, 'What happened MARKER-QUESTION-7731?').waitForReply();
    expect(original?.content).toBe(GENERIC_APOLOGY);
    const dm = h.fake.sendMessage({
      content: 'And in a DM MARKER-DM-5512?',
      author: h.fake.createUser('bugsy2'),
      dm: true,
    });
    expect((await replyTo(dm)).content).toBe(GENERIC_APOLOGY);
    const logs = h.logs();
    expect(logs).toContain('handler failed');
    expect(logs).toContain(user.id);
    expect(logs).toContain('"command":"ask"');
    expect(logs).not.toContain('MARKER-QUESTION-7731');
    expect(logs).not.toContain('MARKER-DM-5512');
    expect(logs).not.toContain(h.fake.botToken);
  });
});

describe('/article, /quote and /help', () => {
  it('/article shows the headline, outlet, paragraph count and the opening paragraph', async () => {
    const { callback, original } = await h.fake
      .sendCommand({ name: 'article', user: h.fake.createUser('reader') })
      .waitForReply();
    expect(callback.type).toBe(4);
    expect(original?.embeds[0]?.title).toBe(article().title);
    const text = messageText(original);
    if (article().source) expect(text).toContain(article().source);
    expect(text).toContain(`**Paragraphs:** ${article().paragraphs.length}`);
    expect(normalise(unescapeMarkdown(text))).toContain(normalise(article().paragraphs[0]?.text ?? ''));
  });

  it('/quote shows a paragraph verbatim; Prev/Next page it; bad numbers and tampered buttons get a clear message', async () => {
    const owner = h.fake.createUser('quoter');
    const id = article().id;
    const ix = h.fake.sendCommand({
      name: 'quote',
      options: [{ name: 'paragraph', type: 4, value: 2 }],
      user: owner,
    });
    const { original } = await ix.waitForReply();
    const paragraphOf = (m: MessageRecord | undefined) =>
      normalise(unescapeMarkdown(m?.embeds[0]?.description ?? '').replace(/^> /gm, ''));
    expect(paragraphOf(original)).toBe(normalise(article().paragraphs[1]?.text ?? ''));
    expect(buttonIds(original)).toEqual([`quote:${id}:1`, `quote:${id}:3`]);

    const next = h.fake.pressButton({ customId: `quote:${id}:3`, message: original!, user: owner });
    const paged = await next.waitForReply();
    expect(paged.callback.type).toBe(7);
    expect(paragraphOf(paged.original)).toBe(normalise(article().paragraphs[2]?.text ?? ''));

    const other = h.fake.pressButton({
      customId: `quote:${id}:2`,
      message: ix.original!,
      user: h.fake.createUser('peeker'),
    });
    const copy = await other.waitForReply();
    expect(copy.callback.type).toBe(4);
    expect(isEphemeral(Number(copy.callback.data?.flags))).toBe(true);

    const tampered = {
      ...ix.original!,
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'x', custom_id: 'quote:nope:1' }] }],
    } as MessageRecord;
    const bad = await h.fake
      .pressButton({ customId: 'quote:nope:1', message: tampered, user: owner })
      .waitForReply();
    expect(isEphemeral(Number(bad.callback.data?.flags))).toBe(true);
    expect(String(bad.callback.data?.content)).toMatch(/doesn't look like one of mine/);

    const outOfRange = h.fake.sendCommand({
      name: 'quote',
      options: [{ name: 'paragraph', type: 4, value: 999 }],
      user: owner,
    });
    const refusal = await outOfRange.waitForReply();
    expect(isEphemeral(Number(refusal.callback.data?.flags))).toBe(true);
    expect(String(refusal.callback.data?.content)).toContain(`¶1 to ¶${article().paragraphs.length}`);
  });

  it('autocompletes paragraph numbers with their first words, for digits, words and junk', async () => {
    const complete = async (value: string) => {
      const options = [{ name: 'paragraph', type: 4, value, focused: true }];
      const reply = await h.fake
        .sendAutocomplete({ name: 'quote', options, user: h.fake.createUser('typer') })
        .waitForReply();
      expect(reply.callback.type).toBe(8);
      const choices = (reply.choices ?? []) as { name: string; value: number }[];
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
      return choices;
    };
    const ones = await complete('1');
    expect(ones.every((choice) => String(choice.value).startsWith('1'))).toBe(true);
    expect(ones[0]?.name).toMatch(/^¶1: /);
    const words = await complete('Salt Typhoon');
    for (const choice of words)
      expect(article().paragraphs[choice.value - 1]?.text).toContain('Salt Typhoon');
    expect((await complete('%%%<@&1>')).map((choice) => choice.value)[0]).toBe(1);
  });

  it('/help explains the bot privately', async () => {
    const { callback } = await h.fake
      .sendCommand({ name: 'help', user: h.fake.createUser('newbie') })
      .waitForReply();
    expect(isEphemeral(Number(callback.data?.flags))).toBe(true);
  });
});

describe('buttons under an answer', () => {
  it('records one vote per user per answer and shows the cited paragraphs privately', async () => {
    const voter = h.fake.createUser('voter');
    const { original } = await settledReply(ask(voter, SANCTIONS));
    const answerMessage = original!;
    const up = await h.fake
      .pressButton({ customId: 'vote:up', message: answerMessage, user: voter })
      .waitForReply();
    expect(isEphemeral(Number(up.callback.data?.flags))).toBe(true);
    expect(String(up.callback.data?.content)).toMatch(/recorded/);
    const again = await h.fake
      .pressButton({ customId: 'vote:down', message: answerMessage, user: voter })
      .waitForReply();
    expect(String(again.callback.data?.content)).toMatch(/already rated/);
    const critic = h.fake.createUser('critic');
    await h.fake.pressButton({ customId: 'vote:down', message: answerMessage, user: critic }).waitForReply();

    const log = await readFeedbackLog(h.feedbackFile);
    expect(log.map((entry) => entry.vote)).toEqual(['up', 'down']);
    expect(log[0]).toMatchObject({ question: SANCTIONS, user: hashUserId(voter.id), mode: 'llm' });
    expect(log[0]?.answer.length).toBeGreaterThan(0);
    expect(log[0]?.cited.length).toBeGreaterThan(0);
    expect(JSON.stringify(log)).not.toContain(voter.id);

    const showId = buttonIds(answerMessage).find((id) => id.startsWith('paras'));
    const shown = await h.fake
      .pressButton({ customId: showId!, message: answerMessage, user: critic })
      .waitForReply();
    expect(isEphemeral(Number(shown.callback.data?.flags))).toBe(true);
    const embeds = (shown.callback.data?.embeds ?? []) as { description?: string }[];
    const paragraphs = new Set(log[0]?.cited.map((c) => c.paragraph));
    expect(embeds.length).toBeGreaterThanOrEqual(paragraphs.size);
    const shownText = normalise(
      embeds.map((e) => unescapeMarkdown(e.description ?? '').replace(/^> /gm, '')).join(' '),
    );
    for (const n of paragraphs)
      expect(shownText).toContain(normalise(article().paragraphs[n - 1]?.text ?? ''));
  });
});

describe('messages', () => {
  it('holds a DM conversation with follow-ups, showing typing while it works', async () => {
    const user = h.fake.createUser('dora');
    const channel = h.fake.dmChannelFor(user);
    const first = h.fake.sendMessage({ content: 'What is Salt Typhoon?', author: user, dm: true });
    const answer = await replyTo(first);
    expect(h.fake.typing.some((t) => t.channelId === channel)).toBe(true);
    expectVerbatim(shownQuotes(answer.embeds));
    h.advance(COOLDOWN_SECONDS * 1000);
    const second = h.fake.sendMessage({ content: 'Which networks did it reach?', author: user, dm: true });
    await replyTo(second);
    const prompt = h.openai.chatBodies.at(-1);
    expect(prompt && readPromptText(prompt)).toContain('Reader: What is Salt Typhoon?');
  });

  it('answers a mention in a server, and a reply to its answer as a follow-up', async () => {
    const user = h.fake.createUser('gus');
    const question = 'What did the White House do about the sanctions?';
    const mention = h.fake.sendMessage({ content: question, author: user, mentionsBot: true });
    const answer = await replyTo(mention);
    expectVerbatim(shownQuotes(answer.embeds));
    expect(answer.allowed_mentions?.parse).toEqual([]);
    h.advance(COOLDOWN_SECONDS * 1000);
    const followUp = h.fake.sendMessage({ content: 'Why?', author: user, referencedMessage: answer });
    await replyTo(followUp);
    expect(readPromptText(h.openai.chatBodies.at(-1)!)).toContain(`Reader: ${question}`);
  });

  it('ignores bots, @everyone alone and messages that do not address it; each repeat of a spammer is told to wait', async () => {
    const bystander = h.fake.createUser('bystander');
    const robot = { ...h.fake.createUser('robot'), bot: true };
    const ignored = [
      h.fake.sendMessage({ content: 'What happened to the sanctions?', author: bystander }),
      h.fake.sendMessage({ content: 'What happened?', author: robot, mentionsBot: true }),
      h.fake.sendMessage({ content: '@everyone what happened?', author: bystander }),
    ];
    const spammer = h.fake.createUser('spammer');
    const spam = [1, 2, 3].map(() =>
      h.fake.sendMessage({ content: SANCTIONS, author: spammer, mentionsBot: true }),
    );
    await replyTo(spam[0]!);
    // Repeats inside the cooldown get a reaction each, never a public message.
    for (const repeat of spam.slice(1))
      await h.fake.waitFor(
        () => h.fake.reactions.find((r) => r.messageId === repeat.id && r.emoji === '⏳'),
        'the cooldown reaction',
      );
    await h.bot.settled();
    // A later question is a sync point: everything sent before it has been handled.
    const sync = h.fake.sendMessage({
      content: 'What is Salt Typhoon?',
      author: h.fake.createUser('sync'),
      mentionsBot: true,
    });
    await replyTo(sync);
    for (const message of [...ignored, ...spam.slice(1)]) {
      expect(h.fake.messages.some((m) => m.message_reference?.message_id === message.id)).toBe(false);
    }
  });

  it('caps message questions at the same length as /ask, with a friendly message', async () => {
    const long = h.fake.sendMessage({
      content: `${'why '.repeat(100)}?`,
      author: h.fake.createUser('verbose'),
      dm: true,
    });
    expect((await replyTo(long)).content).toMatch(/the limit is \d+/);
  });
});

describe('the gateway', () => {
  it('resumes after a disconnect and replays what was missed', async () => {
    const resumes = h.fake.resumeCount;
    h.fake.disconnect(4000);
    const user = h.fake.createUser('patient');
    const missed = h.fake.sendMessage({ content: 'What is Salt Typhoon?', author: user, dm: true });
    await h.fake.waitFor(
      () => (h.fake.resumeCount > resumes && h.fake.connected ? true : undefined),
      'a resume',
    );
    expectVerbatim(shownQuotes((await replyTo(missed)).embeds));
  });
});

describe('Discord hiccups', () => {
  it('answers once when an event is delivered twice', async () => {
    h.fake.duplicateNextDispatch();
    const user = h.fake.createUser('echo');
    const question = h.fake.sendMessage({ content: 'What is Salt Typhoon?', author: user, dm: true });
    await replyTo(question);
    expect(h.fake.messages.filter((m) => m.message_reference?.message_id === question.id)).toHaveLength(1);
    h.fake.duplicateNextDispatch();
    const help = h.fake.sendCommand({ name: 'help', user });
    await help.waitForReply();
    await h.bot.settled();
    expect(help.callbacks).toHaveLength(1);
  });

  it('rides out rate limits and server errors on the REST API', async () => {
    h.fake.failNext({ route: /^\/webhooks\//, status: 429, retryAfter: 0.05 });
    h.fake.failNext({ route: /^\/webhooks\//, status: 502 });
    const { original } = await ask(h.fake.createUser('retry'), SANCTIONS).waitForReply();
    expectVerbatim(shownQuotes(original?.embeds ?? []));
    const refused = h.fake.requests
      .filter((r) => r.path.startsWith('/webhooks/') && r.status >= 429)
      .map((r) => r.status);
    expect(refused).toEqual([429, 502]);
  });
});

describe('shutdown', () => {
  it('finishes questions in progress, turns new ones away, then disconnects', async () => {
    const slow = slowAnswerer(h.engine, 500);
    h.answerer.use(slow);
    const inProgress = ask(h.fake.createUser('late'), SANCTIONS);
    await slow.started;
    const stopped = h.bot.stop();
    const turnedAway = await ask(h.fake.createUser('later'), SANCTIONS).waitForReply();
    expect(String(turnedAway.callback.data?.content)).toMatch(/restarting/);
    const { original } = await inProgress.waitForReply();
    expectVerbatim(shownQuotes(original?.embeds ?? []));
    await stopped;
    await h.fake.waitFor(() => (h.fake.connected ? undefined : true), 'the bot to disconnect');
  });

  it('stops the answers it stops waiting for: their model calls end, each says so, no fallback is built', async () => {
    const s = await startHarness({ drainTimeoutMs: 100 });
    try {
      const quoting = createQuotingModel();
      s.openai.onChat((body) => ({ ...quoting(body), delayMs: 600 }));
      const sent = s.openai.chatBodies.length;
      const inProgress = s.fake.sendCommand({
        name: 'ask',
        options: [{ name: 'question', type: 3, value: SANCTIONS }],
        user: s.fake.createUser('cancelled'),
      });
      await vi.waitFor(() => expect(s.openai.chatBodies.length).toBe(sent + 1), {
        interval: 5,
        timeout: 5_000,
      });
      await s.bot.stop();
      const { original } = await inProgress.waitForReply();
      // Nothing was verified before the shutdown: the reader is told, and no extractive answer is made instead.
      expect(messageText(original)).toMatch(/restarting.*stopped before any part was verified/i);
      expect(shownQuotes(original?.embeds ?? [])).toEqual([]);
      expect(s.logs()).not.toMatch(/answering extractively/);
      expect(s.fake.connected).toBe(false);
    } finally {
      await s.close();
    }
  });
});

function readPromptText(body: { messages: readonly { role: string; content?: unknown }[] }): string {
  return body.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
}
