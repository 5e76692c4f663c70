import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  Routes,
  type ClientOptions,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from './helpers/fake-discord/index.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Identifies again without discord.js's 5 s identify spacing (Discord's real limit; too slow for tests). */
const noIdentifyWait: ClientOptions['ws'] = {
  buildIdentifyThrottler: () => ({ waitForIdentify: () => Promise.resolve() }),
};

async function startFake(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = await startFakeDiscord(options);
  cleanups.push(() => fake.close());
  return fake;
}

function newClient(fake: FakeDiscord, extra: Partial<ClientOptions> = {}): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: fake.apiUrl },
    ws: noIdentifyWait,
    ...extra,
  });
  cleanups.push(() => client.destroy());
  return client;
}

async function connect(fake: FakeDiscord, extra: Partial<ClientOptions> = {}): Promise<Client> {
  const client = newClient(fake, extra);
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(5000) });
  await client.login(fake.botToken);
  await ready;
  await fake.waitForReady();
  return client;
}

/** Runs `handler` for the next interaction and settles with its result (or error). */
function onNextInteraction<T>(client: Client, handler: (i: Interaction) => Promise<T>): Promise<T> {
  const settled = new Promise<T>((resolve, reject) => {
    client.once(Events.InteractionCreate, (interaction) => void handler(interaction).then(resolve, reject));
  });
  settled.catch(() => undefined); // the test awaits it; this only avoids an unhandled rejection if it fails first
  return settled;
}

async function guildChannel(client: Client, fake: FakeDiscord): Promise<TextChannel> {
  return (await client.channels.fetch(fake.channelId)) as TextChannel;
}

describe('fake Discord with the real discord.js Client', () => {
  it('logs in and becomes ready with the test guild', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    expect(client.user?.id).toBe(fake.botUser.id);
    expect(client.application?.id).toBe(fake.applicationId);
    expect(client.guilds.cache.get(fake.guildId)?.available).toBe(true);
    expect(client.channels.cache.get(fake.channelId)?.type).toBe(ChannelType.GuildText);
    expect((await client.application?.fetch())?.bot?.id).toBe(fake.botUser.id);
    expect(fake.identifyCount).toBe(1);
    expect(fake.violations).toEqual([]);
  });

  it("records unknown routes (404) and missing bot auth (401) in Discord's error shape", async () => {
    const fake = await startFake();
    const client = await connect(fake);
    await expect(client.rest.get('/guilds/1/not-a-route')).rejects.toMatchObject({ status: 404, code: 0 });
    await expect(client.rest.get(Routes.user('@me'), { auth: false })).rejects.toMatchObject({
      status: 401,
      code: 0,
    });
    expect(fake.violations.map((v) => [v.kind, v.path])).toEqual([
      ['unknown-route', '/guilds/1/not-a-route'],
      ['unauthorized', '/users/@me'],
    ]);
  });

  it('delivers a slash command; deferReply + editReply land on @original', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a chat input command');
      await i.deferReply();
      await i.editReply(`You asked: ${i.options.getString('question', true)}`);
      return { guild: i.inGuild(), user: i.user.id };
    });
    const user = fake.createUser('alice');
    const ix = fake.sendCommand({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'who won?' }],
      user,
    });
    const reply = await ix.waitForReply();
    expect(await handled).toEqual({ guild: true, user: user.id });
    expect(reply.callback.type).toBe(5);
    expect(reply.original?.content).toBe('You asked: who won?');
    expect(ix.edits).toBe(1);
    expect(fake.violations).toEqual([]);
  });

  it('delivers a DM slash command with `user` (not `member`) and keeps ephemeral flags', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a chat input command');
      await i.reply({ content: 'just for you', flags: MessageFlags.Ephemeral });
      return { guild: i.inGuild(), channelType: i.channel?.type };
    });
    const ix = fake.sendCommand({ name: 'ask', user: fake.createUser('bob'), guild: false });
    const reply = await ix.waitForReply();
    expect(await handled).toEqual({ guild: false, channelType: ChannelType.DM });
    expect(ix.payload).toMatchObject({ context: 1, user: { username: 'bob' } });
    expect(ix.payload).not.toHaveProperty('member');
    expect(reply.original).toMatchObject({ content: 'just for you', flags: MessageFlags.Ephemeral });
    expect(fake.violations).toEqual([]);
  });

  it('accepts 2000-character content and rejects 2001 with 50035, recording it', async () => {
    const fake = await startFake();
    const channel = await guildChannel(await connect(fake), fake);
    await expect(channel.send('x'.repeat(2000))).resolves.toBeDefined();
    await expect(channel.send('x'.repeat(2001))).rejects.toMatchObject({ code: 50035, status: 400 });
    expect(fake.violations).toEqual([
      expect.objectContaining({
        kind: 'limit',
        code: 50035,
        errors: { content: { _errors: [expect.objectContaining({ code: 'BASE_TYPE_MAX_LENGTH' })] } },
      }),
    ]);
    expect(fake.messages.map((message) => message.content.length)).toEqual([2000]);
  });

  it("catches a body that breaks Discord's OpenAPI schema", async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const body = { content: 'hi', tts: 'yes', embeds: [{ title: 42 }] };
    await expect(client.rest.post(Routes.channelMessages(fake.channelId), { body })).rejects.toMatchObject({
      code: 50035,
    });
    expect(fake.violations).toHaveLength(1);
    expect(fake.violations[0]).toMatchObject({
      kind: 'schema',
      errors: { tts: expect.anything() as unknown, embeds: { 0: { title: expect.anything() as unknown } } },
    });
  });

  it('answers a late initial callback with 10062 Unknown interaction', async () => {
    const fake = await startFake({ ackDeadlineMs: 200 });
    const client = await connect(fake);
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a chat input command');
      await delay(350); // a bot too slow to acknowledge
      return i.deferReply().then(
        () => 'accepted',
        (error: unknown) => error,
      );
    });
    const ix = fake.sendCommand({ name: 'ask', user: fake.createUser() });
    expect(await handled).toMatchObject({ code: 10062, status: 404 });
    expect(await ix.ack).toMatchObject({ type: 5, status: 404, error: { code: 10062 } });
    await expect(ix.waitForReply()).rejects.toThrow(/10062/);
    expect(fake.violations).toEqual([expect.objectContaining({ kind: 'interaction', code: 10062 })]);
  });

  it('answers a second callback with 40060 already acknowledged', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a chat input command');
      await i.reply('first');
      const body = { type: 4, data: { content: 'second' } };
      return client.rest
        .post(Routes.interactionCallback(i.id, i.token), { body, auth: false })
        .catch((error: unknown) => error);
    });
    const ix = fake.sendCommand({ name: 'ask', user: fake.createUser() });
    expect(await handled).toMatchObject({ code: 40060, status: 400 });
    expect(ix.callbacks.map((c) => c.status)).toEqual([204, 400]);
    expect(ix.original?.content).toBe('first');
    expect(fake.violations).toEqual([expect.objectContaining({ kind: 'interaction', code: 40060 })]);
  });

  it('refuses to edit @original before the interaction is acknowledged (10015)', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a chat input command');
      // discord.js refuses this client-side, so go through its REST client as a buggy bot would.
      const route = Routes.webhookMessage(i.applicationId, i.token, '@original');
      const early = await client.rest
        .patch(route, { body: { content: 'too early' }, auth: false })
        .catch((error: unknown) => error);
      await i.reply('proper reply');
      return early;
    });
    const ix = fake.sendCommand({ name: 'ask', user: fake.createUser() });
    expect(await handled).toMatchObject({ code: 10015, status: 404 });
    expect((await ix.waitForReply()).original?.content).toBe('proper reply');
    expect(fake.violations).toEqual([expect.objectContaining({ kind: 'interaction', code: 10015 })]);
  });
});

describe('fake Discord messages and components', () => {
  it('delivers a DM to messageCreate (Partials.Channel) and records the reply', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    client.on(Events.MessageCreate, (message) => {
      if (message.author.bot) return;
      void message.reply(
        `echo: ${message.content} (${message.channel.type === ChannelType.DM ? 'dm' : 'guild'})`,
      );
    });
    const user = fake.createUser('carol');
    const sent = fake.sendMessage({ content: 'hello bot', author: user, dm: true });
    const reply = await fake.waitForMessage((m) => m.channel_id === fake.dmChannelFor(user));
    expect(reply.content).toBe('echo: hello bot (dm)');
    expect(reply.message_reference?.message_id).toBe(sent.id);
    expect(reply.type).toBe(19);
    expect(fake.violations).toEqual([]);
  });

  it('hides guild message content without the MessageContent intent unless the bot is mentioned', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const seen = new Promise<string[]>((resolve) => {
      const contents: string[] = [];
      client.on(Events.MessageCreate, (message) => {
        contents.push(message.content);
        if (contents.length === 2) resolve(contents);
      });
    });
    const user = fake.createUser();
    fake.sendMessage({ content: 'no ping here', author: user });
    fake.sendMessage({ content: 'what happened?', author: user, mentionsBot: true });
    expect(await seen).toEqual(['', `<@${fake.botUser.id}> what happened?`]);
  });

  it('registers commands and dispatches them with the registered id', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const options = [{ type: 3, name: 'question', description: 'Your question', required: true }];
    await client.application?.commands.set([{ name: 'ask', description: 'Ask about the story', options }]);
    const registered = fake.commands[0];
    expect(registered).toMatchObject({
      name: 'ask',
      application_id: fake.applicationId,
      id: expect.any(String) as unknown,
    });
    const handled = onNextInteraction(client, (i) =>
      Promise.resolve(i.isChatInputCommand() ? i.commandId : undefined),
    );
    fake.sendCommand({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'why?' }],
      user: fake.createUser(),
    });
    expect(await handled).toBe(registered?.id);
    expect(() => fake.sendCommand({ name: 'ask', user: fake.createUser() })).toThrow(
      /required option "question" is missing/,
    );
    expect(() =>
      fake.sendCommand({
        name: 'ask',
        options: [{ name: 'question', type: 4, value: 1 }],
        user: fake.createUser(),
      }),
    ).toThrow(/registered with type 3/);
    await expect(
      client.application?.commands.set([{ name: 'Ask', description: 'bad name' }]),
    ).rejects.toMatchObject({ code: 50035 });
  });

  it('answers autocomplete and enforces the 25-choice limit', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const choices = (n: number): { name: string; value: string }[] =>
      Array.from({ length: n }, (_, k) => ({ name: `q${k}`, value: `q${k}` }));
    const handled = onNextInteraction(client, async (i) =>
      i.isAutocomplete() ? i.respond(choices(3)) : undefined,
    );
    const user = fake.createUser();
    const ok = fake.sendAutocomplete({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'wh', focused: true }],
      user,
    });
    await handled;
    expect((await ok.waitForReply()).choices).toHaveLength(3);
    const tooMany = onNextInteraction(client, async (i) =>
      i.isAutocomplete() ? i.respond(choices(26)).catch((e: unknown) => e) : undefined,
    );
    fake.sendAutocomplete({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'w', focused: true }],
      user,
    });
    expect(await tooMany).toMatchObject({ code: 50035 });
  });

  it('presses a button and sees the message updated (callback 7)', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('more:1').setLabel('More').setStyle(ButtonStyle.Primary),
    );
    await (await guildChannel(client, fake)).send({ content: 'Answer', components: [row] });
    const message = await fake.waitForMessage((m) => m.content === 'Answer');
    const handled = onNextInteraction(client, async (i) =>
      i.isButton() ? i.update({ content: `pressed ${i.customId}`, components: [] }) : undefined,
    );
    const ix = fake.pressButton({ customId: 'more:1', message, user: fake.createUser() });
    await handled;
    const reply = await ix.waitForReply();
    expect(reply.callback.type).toBe(7);
    expect(reply.original).toMatchObject({ id: message.id, content: 'pressed more:1', components: [] });
    expect(fake.violations).toEqual([]);
  });

  it('turns the first follow-up after a deferral into the reply, later ones into follow-ups', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.followUp('part one');
      await i.followUp({ content: 'part two', flags: MessageFlags.Ephemeral });
    });
    const ix = fake.sendCommand({ name: 'ask', user: fake.createUser() });
    await handled;
    const reply = await ix.waitForReply({ followUps: 1 });
    expect(reply.original).toMatchObject({ content: 'part one', flags: MessageFlags.Ephemeral });
    expect(reply.followUps.map((m) => m.content)).toEqual(['part two']);
    expect(fake.violations).toEqual([]);
  });

  it('answers 50007 for a user who closed DMs, records typing', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const user = fake.createUser();
    fake.blockDms(user);
    const dm = await client.users.createDM(user.id);
    await dm.sendTyping();
    await expect(dm.send('hi')).rejects.toMatchObject({ code: 50007, status: 403 });
    expect(fake.typing.map((t) => t.channelId)).toEqual([dm.id]);
    expect(fake.violations).toEqual([]);
  });
});

describe('fake Discord faults and gateway lifecycle', () => {
  it('retries after a 429 with retry_after, then succeeds; retries a 502', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const limited = once(client.rest, 'rateLimited', { signal: AbortSignal.timeout(5000) });
    fake.failNext({
      method: 'POST',
      route: '/channels/{channel_id}/messages',
      status: 429,
      retryAfter: 0.05,
    });
    fake.failNext({ method: 'POST', route: /\/messages$/, status: 502 });
    const channel = await guildChannel(client, fake);
    await channel.send('after the limit');
    expect((await limited)[0]).toMatchObject({ retryAfter: expect.any(Number) as unknown, global: false });
    const statuses = fake.requests.filter((r) => r.method === 'POST').map((r) => r.status);
    expect(statuses).toEqual([429, 502, 200]);
    expect(fake.messages.map((m) => m.content)).toEqual(['after the limit']);
  });

  it('resumes after close 4000 and replays what was sent while away', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const received = once(client, Events.MessageCreate, { signal: AbortSignal.timeout(5000) });
    const resumed = once(client, Events.ShardResume, { signal: AbortSignal.timeout(5000) });
    fake.disconnect(4000);
    fake.sendMessage({ content: 'sent while away', author: fake.createUser(), dm: true });
    await fake.waitForReady();
    await resumed;
    expect((await received)[0]).toMatchObject({ content: 'sent while away' });
    expect({ identify: fake.identifyCount, resume: fake.resumeCount }).toEqual({ identify: 1, resume: 1 });
  });

  it('identifies again after an invalid session', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    fake.invalidateSession();
    await fake.waitForReady();
    expect({ identify: fake.identifyCount, resume: fake.resumeCount }).toEqual({ identify: 2, resume: 0 });
    const handled = onNextInteraction(client, async (i) =>
      i.isChatInputCommand() ? i.reply('still here') : undefined,
    );
    const ix = fake.sendCommand({ name: 'ask', user: fake.createUser() });
    await handled;
    expect((await ix.waitForReply()).original?.content).toBe('still here');
  });

  it('sends a duplicated dispatch twice when asked', async () => {
    const fake = await startFake();
    const client = await connect(fake);
    const raws = new Promise<number>((resolve) => {
      let count = 0;
      client.on(Events.Raw, (packet: { t?: string }) => {
        if (packet.t === 'MESSAGE_CREATE' && ++count === 2) resolve(count);
      });
    });
    fake.duplicateNextDispatch();
    fake.sendMessage({ content: 'twice', author: fake.createUser(), dm: true });
    expect(await raws).toBe(2);
  });

  it('acknowledges heartbeats', async () => {
    const fake = await startFake({ heartbeatIntervalMs: 100 });
    const client = await connect(fake);
    await fake.waitFor(() => (fake.heartbeatCount >= 2 ? true : undefined), 'two heartbeats');
    // A missing ack would make discord.js drop the connection as a zombie before its next heartbeat.
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
    expect({ connected: fake.connected, identify: fake.identifyCount, resume: fake.resumeCount }).toEqual({
      connected: true,
      identify: 1,
      resume: 0,
    });
  });

  it('rejects a bad token at login, and a gateway 4004, without retrying', async () => {
    const fake = await startFake();
    await expect(newClient(fake).login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    fake.failNextIdentify(4004);
    await expect(newClient(fake).login(fake.botToken)).rejects.toThrow(/Authentication failed/);
    expect(fake.identifyCount).toBe(0);
    expect(fake.connected).toBe(false);
    expect(fake.violations).toEqual([
      expect.objectContaining({ kind: 'unauthorized', path: '/gateway/bot' }),
    ]);
  });
});
