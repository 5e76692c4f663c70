import type { APIUser } from 'discord.js';
import { checkCommandOptions } from './command-options.js';
import { randomToken } from './ids.js';
import type { FakeState } from './state.js';
import type { CommandOption, Json } from './types.js';
import { MEMBER_PERMISSIONS, interactionChannelPayload, memberPayload } from './world.js';

/** Where an interaction happens. */
export interface InteractionPlace {
  user: APIUser;
  guild: boolean;
  channelId: string;
  /** The member's permissions (default: {@link MEMBER_PERMISSIONS} plus any granted in the world). */
  permissions?: string;
}

/** The fields every INTERACTION_CREATE carries; guild ones get `member`, bot-DM ones get `user`. */
export function interactionBase(state: FakeState, type: number, place: InteractionPlace): Json {
  const { world } = state;
  const channel = world.channels.get(place.channelId);
  if (!channel) throw new Error(`fake-discord: unknown channel ${place.channelId}`);
  const common: Json = {
    id: world.nextId(),
    application_id: world.applicationId,
    type,
    token: `aW50ZXJhY3Rpb246${randomToken()}`,
    version: 1,
    locale: 'en-US',
    app_permissions: MEMBER_PERMISSIONS,
    entitlements: [],
    entitlement_sku_ids: [],
    attachment_size_limit: 10_485_760,
    channel: interactionChannelPayload(world, channel),
    channel_id: channel.id,
  };
  const guildId = world.guildOf(channel.id) ?? world.guildId;
  if (!place.guild) {
    return { ...common, user: place.user, authorizing_integration_owners: { '0': '0' }, context: 1 };
  }
  return {
    ...common,
    guild: { id: guildId, locale: 'en-US', features: [] },
    guild_id: guildId,
    guild_locale: 'en-US',
    member: {
      ...memberPayload(world, place.user, true),
      permissions: place.permissions ?? world.permissionsOf(place.user.id),
    },
    authorizing_integration_owners: { '0': guildId },
    context: 0,
  };
}

const commandIds = new WeakMap<FakeState, Map<string, string>>();

/** The registered command's id (guild commands first), or a stable made-up one. */
function commandFor(
  state: FakeState,
  name: string,
  guild: boolean,
): { id: string; guildId?: string; registered?: Json } {
  const inGuild = guild
    ? state.commands.find((c) => c.name === name && c.guild_id === state.world.guildId)
    : undefined;
  const global = state.commands.find((c) => c.name === name && c.guild_id === undefined);
  const registered = inGuild ?? global;
  if (registered)
    return { id: String(registered.id), registered, ...(inGuild ? { guildId: state.world.guildId } : {}) };
  const ids = commandIds.get(state) ?? new Map<string, string>();
  commandIds.set(state, ids);
  const id = ids.get(name) ?? state.world.nextId();
  ids.set(name, id);
  return { id };
}

function resolvedFor(state: FakeState, options: CommandOption[], guild: boolean): Json | undefined {
  const users: Json = {};
  const members: Json = {};
  const visit = (list: CommandOption[]): void => {
    for (const option of list) {
      if (option.options) visit(option.options);
      const user =
        option.type === 6 && typeof option.value === 'string'
          ? state.world.users.get(option.value)
          : undefined;
      if (!user) continue;
      users[user.id] = user;
      if (guild)
        members[user.id] = { ...memberPayload(state.world, user, false), permissions: MEMBER_PERMISSIONS };
    }
  };
  visit(options);
  if (Object.keys(users).length === 0) return undefined;
  return guild ? { users, members } : { users };
}

/**
 * `data` of an application command (type 2) or autocomplete (type 4) interaction;
 * throws on options Discord would not send.
 */
export function commandData(
  state: FakeState,
  name: string,
  options: CommandOption[],
  guild: boolean,
  autocomplete: boolean,
): Json {
  const command = commandFor(state, name, guild);
  checkCommandOptions(name, options, command.registered, autocomplete);
  const resolved = resolvedFor(state, options, guild);
  return {
    id: command.id,
    name,
    type: 1,
    ...(options.length > 0 ? { options } : {}),
    ...(resolved ? { resolved } : {}),
    ...(command.guildId ? { guild_id: command.guildId } : {}),
  };
}
