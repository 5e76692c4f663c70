import { Team, type ClientApplication } from 'discord.js';

/**
 * Whether a user is the bot's owner: one of `STORYBOT_OWNER_IDS`, the application's owner, or a
 * member of the team that owns it. The application is fetched once (discord.js keeps it), and
 * only after the interaction was acknowledged; when Discord cannot tell, only the listed ids count.
 */
export async function isBotOwner(
  application: ClientApplication | null,
  userId: string,
  ownerIds: readonly string[] = [],
): Promise<boolean> {
  if (ownerIds.includes(userId)) return true;
  if (!application) return false;
  const owner = application.owner ?? (await application.fetch().catch(() => undefined))?.owner;
  if (!owner) return false;
  return owner instanceof Team ? owner.members.has(userId) : owner.id === userId;
}
