import type { APIUser, UserFlags } from 'discord.js';
import { botTokenFor, createSnowflakes, discordStamp, isoTimestamp, snowflakeAt } from './ids.js';
import type { Json, MessageRecord } from './types.js';

/**
 * ViewChannel, SendMessages, EmbedLinks, AttachFiles, ReadMessageHistory, AddReactions,
 * UseExternalEmojis, UseApplicationCommands, SendMessagesInThreads.
 */
export const MEMBER_PERMISSIONS = (
  (1n << 10n) |
  (1n << 11n) |
  (1n << 14n) |
  (1n << 15n) |
  (1n << 16n) |
  (1n << 6n) |
  (1n << 18n) |
  (1n << 31n) |
  (1n << 38n)
).toString();

/** A channel the fake knows: the guild's text channels, their public threads (11) and the bot's DM channels. */
export interface ChannelInfo {
  id: string;
  type: 0 | 1 | 11;
  name?: string;
  /** The guild of a guild channel (the first guild when unset). */
  guildId?: string;
  recipientId?: string;
  lastMessageId: string | null;
  /** Threads: the text channel it is in, who opened it, and its archive setting (minutes). */
  thread?: {
    parentId: string;
    ownerId: string;
    autoArchiveDuration: number;
    createdAt: string;
    messageCount: number;
  };
}

/** A guild the bot is in. */
export interface GuildInfo {
  id: string;
  name: string;
  /** Its #general text channel. */
  channelId: string;
}

/** The static-ish Discord world: the bot, its guilds, channels, users and messages. */
export interface World {
  nextId: () => string;
  applicationId: string;
  botUser: APIUser;
  botToken: string;
  /** The first guild (and `channelId` its #general). */
  guildId: string;
  channelId: string;
  guilds: Map<string, GuildInfo>;
  /** The guild owner (a human, not the bot). */
  ownerId: string;
  users: Map<string, APIUser>;
  channels: Map<string, ChannelInfo>;
  messages: Map<string, MessageRecord>;
  /** Extra guild permissions granted to members (by user id), beyond MEMBER_PERMISSIONS. */
  grants: Map<string, bigint>;
  createdAt: string;
  /** A member's permissions in the guild, as the decimal string Discord sends. */
  permissionsOf(userId: string): string;
  createUser(name?: string): APIUser;
  addGuildChannel(name: string, guildId?: string): ChannelInfo;
  /** Adds a guild with a #general channel. */
  addGuild(name?: string): GuildInfo;
  /** The guild a channel belongs to; undefined for DMs and unknown channels. */
  guildOf(channelId: string): string | undefined;
  dmChannelFor(user: APIUser | string): string;
}

function userPayload(id: string, username: string, bot: boolean): APIUser {
  return {
    id,
    username,
    global_name: bot ? null : username.charAt(0).toUpperCase() + username.slice(1),
    discriminator: bot ? '4821' : '0',
    avatar: null,
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    ...(bot ? { bot: true } : {}),
  };
}

/** Creates the world with one guild, one text channel (#general) and the bot user. */
export function createWorld(): World {
  const nextId = createSnowflakes();
  const applicationId = nextId();
  const botUser = userPayload(applicationId, 'storybot-test', true);
  const guildStamp = discordStamp();
  const guilds = new Map<string, GuildInfo>();
  const users = new Map<string, APIUser>([[botUser.id, botUser]]);
  const channels = new Map<string, ChannelInfo>();
  const dmByUser = new Map<string, string>();
  const grants = new Map<string, bigint>();
  let userCount = 0;

  const addGuildChannel = (name: string, guildId?: string): ChannelInfo => {
    const channel: ChannelInfo = {
      id: nextId(),
      type: 0,
      name,
      lastMessageId: null,
      ...(guildId && { guildId }),
    };
    channels.set(channel.id, channel);
    return channel;
  };
  const addGuild = (name = `Story Readers ${guilds.size + 1}`): GuildInfo => {
    const id = snowflakeAt(guildStamp + guilds.size);
    const guild = { id, name, channelId: addGuildChannel('general', id).id };
    guilds.set(id, guild);
    return guild;
  };
  const first = addGuild('Story Readers');

  return {
    nextId,
    applicationId,
    botUser,
    botToken: botTokenFor(applicationId),
    guildId: first.id,
    channelId: first.channelId,
    guilds,
    addGuild,
    guildOf(channelId) {
      const channel = channels.get(channelId);
      if (channel?.type === 11) return channels.get(channel.thread?.parentId ?? '')?.guildId ?? first.id;
      return channel?.type === 0 ? (channel.guildId ?? first.id) : undefined;
    },
    ownerId: nextId(),
    users,
    channels,
    messages: new Map(),
    grants,
    createdAt: isoTimestamp(),
    permissionsOf: (userId) => (BigInt(MEMBER_PERMISSIONS) | (grants.get(userId) ?? 0n)).toString(),
    addGuildChannel,
    createUser(name) {
      userCount += 1;
      const user = userPayload(nextId(), name ?? `reader${userCount}`, false);
      users.set(user.id, user);
      return user;
    },
    dmChannelFor(user) {
      const userId = typeof user === 'string' ? user : user.id;
      const existing = dmByUser.get(userId);
      if (existing) return existing;
      const channel: ChannelInfo = { id: nextId(), type: 1, recipientId: userId, lastMessageId: null };
      channels.set(channel.id, channel);
      dmByUser.set(userId, channel.id);
      return channel.id;
    },
  };
}

/** A guild member object (without `user` unless asked), as in MESSAGE_CREATE and INTERACTION_CREATE. */
export function memberPayload(world: World, user: APIUser, withUser: boolean): Json {
  return {
    ...(withUser ? { user } : {}),
    avatar: null,
    banner: null,
    communication_disabled_until: null,
    deaf: false,
    flags: 0,
    joined_at: world.createdAt,
    mute: false,
    nick: null,
    pending: false,
    premium_since: null,
    roles: [],
  };
}

/** The channel object Discord returns from GET /channels/{id} (and in GUILD_CREATE for guild channels). */
export function channelPayload(world: World, channel: ChannelInfo): Json {
  if (channel.type === 1) {
    const recipient = world.users.get(channel.recipientId ?? '');
    return {
      id: channel.id,
      type: 1,
      last_message_id: channel.lastMessageId,
      flags: 0,
      recipients: recipient ? [recipient] : [],
    };
  }
  if (channel.type === 11 && channel.thread) return threadPayload(world, channel, channel.thread);
  return {
    id: channel.id,
    type: 0,
    guild_id: channel.guildId ?? world.guildId,
    name: channel.name,
    position: 0,
    flags: 0,
    parent_id: null,
    topic: null,
    nsfw: false,
    rate_limit_per_user: 0,
    last_message_id: channel.lastMessageId,
    permission_overwrites: [],
  };
}

/** A public thread as Discord returns it (GET /channels, thread creation, THREAD_CREATE). */
function threadPayload(world: World, channel: ChannelInfo, thread: NonNullable<ChannelInfo['thread']>): Json {
  return {
    id: channel.id,
    type: 11,
    guild_id: world.guildOf(channel.id) ?? world.guildId,
    parent_id: thread.parentId,
    owner_id: thread.ownerId,
    name: channel.name,
    last_message_id: channel.lastMessageId,
    rate_limit_per_user: 0,
    flags: 0,
    message_count: thread.messageCount,
    member_count: 1,
    total_message_sent: thread.messageCount,
    thread_metadata: {
      archived: false,
      auto_archive_duration: thread.autoArchiveDuration,
      archive_timestamp: thread.createdAt,
      locked: false,
      create_timestamp: thread.createdAt,
    },
  };
}

/** The channel object embedded in INTERACTION_CREATE (adds the invoker's `permissions`). */
export function interactionChannelPayload(world: World, channel: ChannelInfo): Json {
  const base = channelPayload(world, channel);
  if (channel.type === 1) return base;
  if (channel.type === 11) return { ...base, permissions: MEMBER_PERMISSIONS };
  const { permission_overwrites: _omit, ...rest } = base;
  return { ...rest, permissions: MEMBER_PERMISSIONS };
}
