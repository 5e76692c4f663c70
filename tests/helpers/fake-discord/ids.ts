import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1_420_070_400_000n;

/** Creates a generator of unique, time-ordered Discord snowflakes (as strings). */
export function createSnowflakes(): () => string {
  let increment = 0n;
  let last = 0n;
  return () => {
    let stamp = BigInt(Date.now()) - DISCORD_EPOCH;
    if (stamp <= last) stamp = last;
    last = stamp;
    increment = (increment + 1n) & 0xfffn;
    return ((stamp << 22n) | (1n << 17n) | increment).toString();
  };
}

/**
 * A snowflake made at `stamp` ms after Discord's epoch. Guilds get consecutive stamps, so they
 * spread over shards as Discord's formula (guild_id >> 22) % num_shards spreads real guilds.
 */
export function snowflakeAt(stamp: number, increment = 0): string {
  return ((BigInt(stamp) << 22n) | (1n << 17n) | BigInt(increment & 0xfff)).toString();
}

/** Milliseconds since Discord's epoch, now. */
export const discordStamp = () => Number(BigInt(Date.now()) - DISCORD_EPOCH);

/** The shard a guild's events go to: (guild_id >> 22) % num_shards, as Discord routes them. */
export function shardOfGuild(guildId: string, shards: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(Math.max(1, shards)));
}

/** A random url-safe token, like Discord's interaction tokens. */
export function randomToken(bytes = 96): string {
  return randomBytes(bytes).toString('base64url');
}

/** A bot token in Discord's format: base64(user id).timestamp.hmac. */
export function botTokenFor(userId: string): string {
  const head = Buffer.from(userId).toString('base64url');
  return `${head}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

/** Discord's ISO timestamp format with microseconds, e.g. 2024-01-01T00:00:00.000000+00:00. */
export function isoTimestamp(at = Date.now()): string {
  return new Date(at).toISOString().replace('Z', '000+00:00');
}
