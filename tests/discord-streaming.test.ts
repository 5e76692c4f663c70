import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STOPPED_NOTE, WRITING } from '../src/discord/render/render-partial.js';
import { EDIT_INTERVAL_MS } from '../src/discord/deliver/stream-runner.js';
import {
  COOLDOWN_SECONDS,
  buttonIds,
  messageText,
  startHarness,
  type DiscordHarness,
} from './helpers/discord-harness.js';
import type { MessageRecord, RequestRecord } from './helpers/fake-discord/index.js';
import { answererOf, streamingAnswerer, wholeArticleAnswer } from './helpers/streaming-answerer.js';

let h: DiscordHarness;
const EPHEMERAL = 64;
/** Stricter than Discord's 5 per 5 s, so the test sees the bot live within it. */
const EDIT_LIMIT = { limit: 2, windowMs: 3000 };

beforeAll(async () => {
  h = await startHarness({ editLimit: EDIT_LIMIT });
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  h.answerer.reset();
  h.advance(COOLDOWN_SECONDS * 1000);
  expect(h.fake.violations).toEqual([]);
});

const edits = (path: RegExp): RequestRecord[] =>
  h.fake.requests.filter((r) => r.method === 'PATCH' && path.test(r.path) && r.status === 200);
const stopIds = (message: MessageRecord | undefined) =>
  buttonIds(message).filter((id) => id.startsWith('stop:'));
const description = (body: unknown) =>
  ((body as { embeds?: { description?: string }[] }).embeds ?? []).map((e) => e.description ?? '').join('\n');

describe('streamed answers', () => {
  it('shows verified claims as they come, edits at most once per 1.2 s within the edit limit, and ends with sources', async () => {
    // A verified claim every 300 ms (each sentence of three paragraphs): far more often than one edit per 1.2 s.
    const article = h.articles[0]!;
    const six = answererOf((q) => wholeArticleAnswer(article, q.question, { count: 3, times: 1 }));
    const streaming = streamingAnswerer(six, { firstMs: 100, everyMs: 300 });
    h.answerer.use(streaming);
    const question = h.fake.sendMessage({
      content: 'Why did the United States shelve the sanctions, and what is Salt Typhoon?',
      author: h.fake.createUser('streamer'),
      mentionsBot: true,
    });
    const reply = await h.fake.waitForMessage((m) => m.message_reference?.message_id === question.id);
    // The first version: verified text, the writing state and Stop; no sources yet.
    const first = h.fake.requests.find(
      (r) => r.method === 'POST' && r.path.endsWith('/messages') && r.at >= Date.parse(question.timestamp),
    );
    expect(description(first?.body)).toContain(WRITING);
    expect(JSON.stringify(first?.body)).toContain('stop:');
    await h.bot.settled();
    const claims = streaming.yielded.map((claim) => claim.text);
    expect(claims.length).toBeGreaterThanOrEqual(5);
    const patches = edits(new RegExp(`/channels/${reply.channel_id}/messages/${reply.id}$`));
    expect(patches.length).toBeGreaterThan(0);
    // Every partial shows only claims the engine verified, in order.
    for (const patch of patches.slice(0, -1)) {
      const shown = description(patch.body).replace(WRITING, '').trim();
      expect(claims.join(' ').startsWith(shown)).toBe(true);
    }
    // Partial edits are at least 1.2 s apart (the first send counts); the final one may follow at once.
    const times = [Date.parse(reply.timestamp), ...patches.slice(0, -1).map((p) => p.at)];
    for (let i = 1; i < times.length; i += 1)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(EDIT_INTERVAL_MS - 50);
    // Within the limit: never more than `limit` edits in any window, and none refused.
    const all = patches.map((p) => p.at);
    for (const at of all)
      expect(all.filter((t) => t >= at && t - at < EDIT_LIMIT.windowMs).length).toBeLessThanOrEqual(
        EDIT_LIMIT.limit,
      );
    expect(h.fake.rateLimited).toEqual([]);
    // The final edit: whole answer, sources, buttons; no writing state, no Stop.
    expect(messageText(reply)).not.toContain(WRITING);
    expect(stopIds(reply)).toEqual([]);
    expect(reply.embeds.some((e) => (e.fields ?? []).length > 0)).toBe(true);
    expect(buttonIds(reply)).toEqual(expect.arrayContaining(['vote:up', 'vote:down']));
  });

  it('lets the asker stop a long answer: the model call ends, the verified part stays', async () => {
    const streaming = streamingAnswerer(h.engine, { firstMs: 50, everyMs: 1500 });
    h.answerer.use(streaming);
    const asker = h.fake.createUser('stopper');
    const ix = h.fake.sendCommand({
      name: 'ask',
      options: [
        { name: 'question', type: 3, value: 'Why did the United States shelve the sanctions on the MSS?' },
      ],
      user: asker,
    });
    const partial = await ix.waitForReply();
    const showing = partial.original!;
    const [stop] = stopIds(showing);
    const writingRow = structuredClone(showing.components);
    expect(stop).toBeDefined();
    const other = await h.fake
      .pressButton({ customId: stop!, message: showing, user: h.fake.createUser('nosy') })
      .waitForReply();
    expect(Number(other.callback.data?.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(String(other.callback.data?.content)).toMatch(/Only the person who asked/);

    const pressed = await h.fake.pressButton({ customId: stop!, message: showing, user: asker }).ack;
    expect(pressed.type).toBe(6);
    await h.bot.settled();
    expect(streaming.aborted).toBe(true);
    const final = ix.original;
    expect(stopIds(final)).toEqual([]);
    const text = messageText(final);
    expect(text).toContain(STOPPED_NOTE);
    for (const claim of streaming.yielded) expect(text).toContain(claim.text);
    // Pressing again once finished is answered privately.
    const late = await h.fake
      .pressButton({ customId: stop!, message: { ...final!, components: writingRow }, user: asker })
      .waitForReply();
    expect(String(late.callback.data?.content)).toMatch(/already finished/);
  });

  it('continues an answer past one message in a follow-up message', async () => {
    const article = h.articles[0]!;
    const long = answererOf((q) => wholeArticleAnswer(article, q.question));
    h.answerer.use(streamingAnswerer(long, { firstMs: 20, everyMs: 20 }));
    const ix = h.fake.sendCommand({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'Tell me everything' }],
      user: h.fake.createUser('reader-of-everything'),
    });
    await ix.waitForReply();
    await h.bot.settled();
    const messages = [ix.original!, ...ix.followUps];
    expect(messages.length).toBeGreaterThan(1);
    const shown = messages.map(messageText).join('\n');
    for (const paragraph of article.paragraphs)
      expect(shown.replace(/\\/g, '')).toContain(paragraph.text.slice(0, 40));
    expect(messages.flatMap((m) => stopIds(m))).toEqual([]);
    expect(buttonIds(messages.at(-1))).toEqual(expect.arrayContaining(['vote:up']));
    expect(h.fake.rateLimited).toEqual([]);
  });
});

describe('the fake enforces the edit limit', () => {
  it('answers a client that ignores the headers with 429, retry_after and the rate-limit headers', async () => {
    const ix = h.fake.sendCommand({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'What is Salt Typhoon?' }],
      user: h.fake.createUser('raw'),
    });
    await ix.waitForReply();
    await h.bot.settled();
    const url = `${h.fake.apiUrl}/v10/webhooks/${h.fake.applicationId}/${ix.token}/messages/@original`;
    const patch = () =>
      fetch(url, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'x' }),
      });
    const started = Date.now();
    const responses = [];
    for (let i = 0; i < EDIT_LIMIT.limit + 1; i += 1) responses.push(await patch());
    const refused = responses.at(-1)!;
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { retry_after: number; global: boolean };
    expect(body.retry_after).toBeGreaterThan(0);
    expect(body.global).toBe(false);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('retry-after')).not.toBeNull();
    expect(refused.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    // Only the requests that ignored the headers were refused (the bot's own edits never were).
    const path = `/webhooks/${h.fake.applicationId}/${ix.token}/messages/@original`;
    expect(h.fake.rateLimited.length).toBeGreaterThan(0);
    expect(h.fake.rateLimited.every((r) => r.path === path && r.at >= started)).toBe(true);
    h.fake.rateLimited.length = 0;
  });
});
