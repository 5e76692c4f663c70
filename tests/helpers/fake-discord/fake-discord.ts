import type { Server } from 'node:http';
import type { APIUser } from 'discord.js';
import type { FaultSpec, Faults } from './faults.js';
import type { Gateway } from './gateway.js';
import { createInteractionDriver, type InteractionDriver } from './interactions.js';
import { INTENTS, type FakeState } from './state.js';
import type {
  Json,
  MessageRecord,
  RateLimitedRecord,
  ReactionRecord,
  RequestRecord,
  TypingRecord,
  Violation,
} from './types.js';
import { sendUserMessage, type SendMessageInput } from './user-messages.js';
import { threadsOf } from './routes-threads.js';
import { shardOfGuild } from './ids.js';
import { channelPayload, type ChannelInfo, type GuildInfo } from './world.js';
import { guildCreatePayload } from './world-payloads.js';

/** A loopback Discord (REST + gateway) that the real discord.js Client logs in to. See README.md. */
export interface FakeDiscord extends InteractionDriver {
  /** Pass as `rest: { api }` to the Client (the client appends `/v10`). */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly botToken: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly guildId: string;
  /** The guild's #general text channel. */
  readonly channelId: string;
  /** The application's (and the first guild's) owner: GET /applications/@me names them. */
  readonly ownerId: string;
  createUser(name?: string): APIUser;
  /** Grants a member guild permissions (bits, e.g. 1n << 5n for Manage Server) from now on. */
  grantPermissions(user: APIUser | string, bits: bigint): void;
  dmChannelFor(user: APIUser | string): string;
  /** Adds a guild text channel (dispatches CHANNEL_CREATE) and returns its id; in the first guild by default. */
  createChannel(name?: string, guildId?: string): string;
  /**
   * Adds a guild with a #general channel (GUILD_CREATE to its shard when connected). Guild ids have
   * consecutive timestamps, so successive guilds land on successive shards.
   */
  createGuild(name?: string): GuildInfo;
  /** The shard that gets a guild's events: (guild_id >> 22) % num_shards, for the current shard count. */
  shardOf(guildId: string): number;
  /** num_shards the bot identified with (0 before it did). */
  readonly shardCount: number;
  /** Shards with a live gateway connection. */
  readonly liveShards: number[];
  /** Resolves once the bot has a live gateway session (READY or RESUMED sent). */
  waitForReady(timeoutMs?: number): Promise<void>;
  sendMessage(input: SendMessageInput): MessageRecord;
  /** The first bot message (already sent or future) matching `predicate`. */
  waitForMessage(predicate?: (m: MessageRecord) => boolean, timeoutMs?: number): Promise<MessageRecord>;
  /** Resolves when `check` returns something other than undefined, re-checked on every fake event. */
  waitFor<T>(check: () => T | undefined, what: string, timeoutMs?: number): Promise<T>;
  readonly messages: MessageRecord[];
  readonly requests: RequestRecord[];
  readonly violations: Violation[];
  readonly typing: TypingRecord[];
  /** Reactions the bot added. */
  readonly reactions: ReactionRecord[];
  /** Threads the bot opened (id = the starter message's id), with their parent and archive setting. */
  readonly threads: ChannelInfo[];
  /** Edits refused with 429 by the per-route edit limit (see options.editLimit). */
  readonly rateLimited: RateLimitedRecord[];
  readonly commands: Json[];
  failNext(spec: FaultSpec): void;
  /** The user's DMs refuse the bot (a user, user id or DM channel id): POST to that DM channel -> 403 50007. */
  blockDms(userOrChannel: APIUser | string): void;
  /** The next Identify is answered by closing the socket with `code` (default 4004). */
  failNextIdentify(code?: number): void;
  /** Closes the gateway connection of one shard, or of every shard. */
  disconnect(code?: number, shard?: number): void;
  invalidateSession(shard?: number): void;
  duplicateNextDispatch(): void;
  readonly connected: boolean;
  readonly identifyCount: number;
  readonly resumeCount: number;
  readonly heartbeatCount: number;
  /**
   * Drops records (requests, messages, interactions, typing) from before `before` (ms since the
   * epoch), except messages in `keep`, so a long soak does not grow the fake's memory. Only for
   * finished exchanges: a later callback to a forgotten interaction gets 10062.
   */
  forget(before: number, keep?: ReadonlySet<string>): void;
  close(): Promise<void>;
}

/** The running pieces the test-facing API drives. */
export interface FakeParts {
  state: FakeState;
  gateway: Gateway;
  faults: Faults;
  server: Server;
  port: number;
}

/** Builds the test-facing API over the running server and gateway. */
export function buildFakeDiscord({ state, gateway, faults, server, port }: FakeParts): FakeDiscord {
  const { world, waiters } = state;
  return {
    ...createInteractionDriver(state),
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: gateway.url,
    botToken: world.botToken,
    applicationId: world.applicationId,
    botUser: world.botUser,
    guildId: world.guildId,
    channelId: world.channelId,
    ownerId: world.ownerId,
    createUser: (name) => world.createUser(name),
    grantPermissions(user, bits) {
      const id = typeof user === 'string' ? user : user.id;
      world.grants.set(id, (world.grants.get(id) ?? 0n) | bits);
    },
    dmChannelFor: (user) => world.dmChannelFor(user),
    createChannel(name = `channel-${world.channels.size}`, guildId) {
      const channel = world.addGuildChannel(name, guildId);
      state.emit('CHANNEL_CREATE', channelPayload(world, channel), INTENTS.guilds);
      return channel.id;
    },
    createGuild(name) {
      const guild = world.addGuild(name);
      if ((gateway.intentsFor(guild.id) & INTENTS.guilds) !== 0)
        gateway.dispatch('GUILD_CREATE', guildCreatePayload(world, guild.id), guild.id);
      return guild;
    },
    shardOf: (guildId) => shardOfGuild(guildId, Math.max(1, gateway.shardCount)),
    get shardCount() {
      return gateway.shardCount;
    },
    get liveShards() {
      return gateway.liveShards;
    },
    waitForReady: async (timeoutMs) => {
      await waiters.waitFor(
        () => (gateway.live ? true : undefined),
        'the bot to identify or resume (READY/RESUMED)',
        timeoutMs,
      );
    },
    sendMessage: (input) => sendUserMessage(state, input),
    waitForMessage: (predicate = () => true, timeoutMs) =>
      waiters.waitFor(
        () => state.messages.find((m) => predicate(m)),
        'a matching message from the bot',
        timeoutMs,
      ),
    waitFor: (check, what, timeoutMs) => waiters.waitFor(check, what, timeoutMs),
    get messages() {
      return state.messages;
    },
    get requests() {
      return state.requests;
    },
    get violations() {
      return state.violations;
    },
    get typing() {
      return state.typing;
    },
    get reactions() {
      return state.reactions;
    },
    get threads() {
      return threadsOf(state);
    },
    get rateLimited() {
      return state.rateLimited;
    },
    get commands() {
      return state.commands;
    },
    failNext: (spec) => faults.add(spec),
    blockDms(userOrChannel) {
      const id = typeof userOrChannel === 'string' ? userOrChannel : userOrChannel.id;
      state.blockedDmUsers.add(world.channels.get(id)?.recipientId ?? id);
    },
    failNextIdentify: (code = 4004) => gateway.failNextIdentify(code),
    disconnect: (code = 4000, shard) => gateway.disconnect(code, shard),
    invalidateSession: (shard) => gateway.invalidateSession(shard),
    duplicateNextDispatch: () => gateway.duplicateNextDispatch(),
    get connected() {
      return gateway.live;
    },
    get identifyCount() {
      return gateway.identifyCount;
    },
    get resumeCount() {
      return gateway.resumeCount;
    },
    get heartbeatCount() {
      return gateway.heartbeatCount;
    },
    forget(before, keep = new Set()) {
      const old = (message: MessageRecord) => Date.parse(message.timestamp) < before && !keep.has(message.id);
      state.requests = state.requests.filter((request) => request.at >= before);
      state.messages = state.messages.filter((message) => !old(message));
      state.typing = state.typing.filter((typing) => typing.at >= before);
      for (const [id, message] of world.messages) if (old(message)) world.messages.delete(id);
      for (const [token, interaction] of state.interactions) {
        if (interaction.dispatchedAt < before) state.interactions.delete(token);
      }
    },
    async close() {
      waiters.closeAll();
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
