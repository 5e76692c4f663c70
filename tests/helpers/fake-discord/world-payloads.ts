import { createHash } from 'node:crypto';
import { shardOfGuild } from './ids.js';
import type { Json } from './types.js';
import { MEMBER_PERMISSIONS, channelPayload, memberPayload, type World } from './world.js';

/** GATEWAY_MESSAGE_CONTENT_LIMITED: the message content intent is enabled for this (unverified) app. */
export const APPLICATION_FLAGS = 1 << 19;

function everyoneRole(guildId: string): Json {
  return {
    id: guildId,
    name: '@everyone',
    description: null,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: 0,
    permissions: MEMBER_PERMISSIONS,
    managed: false,
    mentionable: false,
    flags: 0,
  };
}

/** The GUILD_CREATE payload for a guild (bot member, text channels, @everyone role); the first by default. */
export function guildCreatePayload(world: World, guildId = world.guildId): Json {
  const channels = [...world.channels.values()]
    .filter((c) => c.type === 0 && (c.guildId ?? world.guildId) === guildId)
    .map((c) => channelPayload(world, c));
  const first = guildId === world.guildId;
  return {
    id: guildId,
    name: world.guilds.get(guildId)?.name ?? 'Story Readers',
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: world.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 2,
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: world.guilds.get(guildId)?.channelId ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    nsfw: false,
    roles: [everyoneRole(guildId)],
    emojis: [],
    stickers: [],
    soundboard_sounds: [],
    joined_at: world.createdAt,
    large: false,
    unavailable: false,
    member_count: first ? world.users.size : 2,
    voice_states: [],
    members: [memberPayload(world, world.botUser, true)],
    channels,
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    embedded_activities: [],
  };
}

/** The guilds whose events go to `shard` of `shards`. */
export function guildsOfShard(world: World, [shard, shards]: readonly [number, number]): string[] {
  return [...world.guilds.keys()].filter((id) => shardOfGuild(id, shards) === shard);
}

/** The READY dispatch: the shard's guilds are listed as unavailable and arrive right after as GUILD_CREATE. */
export function readyPayload(
  world: World,
  sessionId: string,
  resumeUrl: string,
  shard: readonly [number, number] = [0, 1],
): Json {
  return {
    v: 10,
    user_settings: {},
    user: { ...world.botUser, verified: true, mfa_enabled: false, email: null },
    session_type: 'normal',
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    relationships: [],
    private_channels: [],
    presences: [],
    guilds: guildsOfShard(world, shard).map((id) => ({ id, unavailable: true })),
    guild_join_requests: [],
    geo_ordered_rtc_regions: ['rotterdam', 'madrid', 'milan', 'stockholm', 'bucharest'],
    auth: {},
    application: { id: world.applicationId, flags: APPLICATION_FLAGS },
    shard: [...shard],
    _trace: ['["gateway-prd-fake-1",{"micros":1200,"calls":[]}]'],
  };
}

/** GET /applications/@me. */
export function applicationPayload(world: World): Json {
  return {
    id: world.applicationId,
    name: world.botUser.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    hook: true,
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: createHash('sha256').update(world.applicationId).digest('hex'),
    flags: APPLICATION_FLAGS,
    team: null,
    bot: world.botUser,
    owner: {
      id: world.ownerId,
      username: 'story-owner',
      global_name: 'Story Owner',
      discriminator: '0',
      avatar: null,
      public_flags: 0,
      flags: 0,
    },
    approximate_guild_count: world.guilds.size,
    redirect_uris: [],
    interactions_endpoint_url: null,
    integration_types_config: { '0': {} },
  };
}
