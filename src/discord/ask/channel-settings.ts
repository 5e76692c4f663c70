import {
  DEFAULT_CHANNEL_SETTINGS,
  type ChannelSettings,
  type ChannelSettingsEntry,
} from '../../storage/channel-settings.js';
import type { BotContext } from '../deliver/context.js';

/** Where a question was asked: the channel, and the channel a thread belongs to. */
export interface Place {
  readonly channelId: string;
  readonly parentId?: string | null;
  readonly inGuild: boolean;
}

/** Where an interaction or message happened. */
export function placeOf(source: {
  readonly channelId: string | null;
  readonly channel: { isThread(): boolean; readonly parentId?: string | null } | null;
  inGuild(): boolean;
}): Place {
  const thread = source.channel?.isThread() === true;
  return {
    channelId: source.channelId ?? '',
    parentId: thread ? (source.channel?.parentId ?? null) : null,
    inGuild: source.inGuild(),
  };
}

/**
 * The settings that apply in a place: a thread follows its parent channel; DMs and unconfigured
 * channels get the defaults. Read on every question, so a change applies at once.
 */
export async function settingsFor(context: BotContext, place: Place): Promise<ChannelSettings> {
  if (!place.inGuild) return DEFAULT_CHANNEL_SETTINGS;
  const own = await context.channelSettings.get(place.channelId);
  if (own) return own.settings;
  const parent = place.parentId ? await context.channelSettings.get(place.parentId) : undefined;
  return parent?.settings ?? DEFAULT_CHANNEL_SETTINGS;
}

/** The settings as a short list for `/config show` and after `/config set`. */
export function describeSettings(
  context: BotContext,
  channelId: string,
  entry: ChannelSettingsEntry | undefined,
): string {
  const settings = entry?.settings ?? DEFAULT_CHANNEL_SETTINGS;
  const story = settings.story !== undefined ? context.findArticle(settings.story) : undefined;
  const lines = [
    `**Settings for <#${channelId}>**${entry ? '' : ' (defaults: nobody has changed them)'}`,
    `• **Mode:** ${settings.mode === 'every-message' ? 'every message is a question (dedicated channel)' : 'answer when mentioned or replied to'}`,
    `• **Threads:** ${settings.threads ? 'on: a thread per question, follow-ups there need no mention' : 'off: answers in place'}`,
    `• **Private answers:** ${settings.private ? 'on: /ask answers only the asker unless they say otherwise' : 'off'}`,
    `• **Story:** ${story ? story.title : 'any (chosen per question)'}`,
  ];
  if (settings.mode === 'every-message' && !context.options.messageContent)
    lines.push(
      '⚠️ Reading every message needs the Message Content intent: enable it for the bot in the Developer Portal and set `DISCORD_MESSAGE_CONTENT=true`. Until then only mentions are answered here.',
    );
  return lines.join('\n');
}
