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

/**
 * Where an answer was being written is gone: its message was deleted, the interaction's token is
 * no longer valid, or the channel cannot be written to. The answer is abandoned (no apology either).
 */
const GONE: ReadonlySet<number> = new Set<number>([
  ...UNDELIVERABLE,
  RESTJSONErrorCodes.UnknownMessage,
  RESTJSONErrorCodes.UnknownWebhook,
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.InvalidWebhookToken,
]);

/** Whether an edit failed because the answer's place is gone (see {@link GONE}). */
export function isGone(error: unknown): boolean {
  return error instanceof DiscordAPIError && typeof error.code === 'number' && GONE.has(error.code);
}
