import { EVERY_SERVER, type ArticleMeta } from './types.js';

/**
 * Whether a story is visible to an audience: every story when the audience is unset (the
 * operator's own console and command line); otherwise the operator's stories, those the bot's
 * owner added for every server, and those added in that server. A DM's audience is `''`, which no
 * server's story matches.
 */
export function visibleTo(story: Pick<ArticleMeta, 'addedIn'>, audience: string | undefined): boolean {
  if (audience === undefined || story.addedIn === undefined || story.addedIn === EVERY_SERVER) return true;
  return story.addedIn === audience;
}

/** Who asks to change a story from Discord. */
export interface StoryActor {
  /** The server the command came from. */
  readonly guildId: string;
  /** Has Manage Server there. */
  readonly managesServer: boolean;
  /** The bot's owner (the application's owner or team, or `STORYBOT_OWNER_IDS`). */
  readonly botOwner: boolean;
}

/**
 * Why an actor may not remove a story from Discord, or `undefined` when they may: the operator's
 * stories (files in the data folder) are never changed from Discord; a server's story only by
 * that server's managers or the bot's owner; a story for every server only by the bot's owner.
 */
export function removalRefusal(
  story: Pick<ArticleMeta, 'addedIn' | 'id'>,
  actor: StoryActor,
): string | undefined {
  if (story.addedIn === undefined)
    return `${story.id} is one of the operator's stories (a file in the bot's data folder); only the operator can remove it, on the bot's machine.`;
  if (story.addedIn === EVERY_SERVER)
    return actor.botOwner
      ? undefined
      : `${story.id} was added for every server by the bot's owner; only they can remove it.`;
  if (story.addedIn !== actor.guildId) return `There is no story "${story.id}".`;
  return actor.managesServer || actor.botOwner
    ? undefined
    : 'Only members with the Manage Server permission can remove stories.';
}
