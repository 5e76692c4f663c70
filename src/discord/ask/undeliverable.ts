import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

/**
 * Discord's refusals that no retry or apology in the same place can get past: the user's DMs are
 * closed to the bot (50007, 50278), the channel is gone (10003), or the bot may not post there
 * (50001, 50013).
 */
const UNDELIVERABLE: ReadonlySet<number> = new Set<number>([
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
]);

/** Discord's error code when a reply cannot be delivered to that channel at all, else undefined. */
export function undeliverableCode(error: unknown): number | undefined {
  if (!(error instanceof DiscordAPIError) || typeof error.code !== 'number') return undefined;
  return UNDELIVERABLE.has(error.code) ? error.code : undefined;
}
