import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { LIMITS } from './limits.js';

/** One message to send: plain objects in Discord's API shapes, already within every limit. */
export interface OutgoingMessage {
  readonly content?: string;
  readonly embeds: readonly APIEmbed[];
  readonly components: readonly APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** The characters of an embed that count toward Discord's 6000-per-message total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/**
 * Groups embeds (each already within its own limits) into messages of at most 10 embeds and
 * 6000 characters in total, in order.
 */
export function packEmbeds(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const groups: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let used = 0;
  for (const embed of embeds) {
    const size = embedLength(embed);
    if (current.length > 0 && (current.length === LIMITS.embeds || used + size > LIMITS.embedTotal)) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(embed);
    used += size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Turns embeds into messages: the content goes on the first, the buttons on the last (after the
 * sources, where a reader finishes).
 */
export function toMessages(
  embeds: readonly APIEmbed[],
  content?: string,
  components: OutgoingMessage['components'] = [],
): OutgoingMessage[] {
  const groups = packEmbeds(embeds);
  if (groups.length === 0) groups.push([]);
  return groups.map((group, index) => ({
    ...(index === 0 && content !== undefined ? { content } : {}),
    embeds: group,
    components: index === groups.length - 1 ? components : [],
  }));
}

/** Accepts only absolute http(s) URLs: Discord rejects anything else in embeds and link buttons. */
export function isWebUrl(url: string | undefined): url is string {
  if (url === undefined) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}
