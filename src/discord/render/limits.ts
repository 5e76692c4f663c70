/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  embeds: 10,
  fields: 25,
} as const;

const ELLIPSIS = '…';

/** A cut no later than `max` that never splits a surrogate pair or a `[n]` marker. */
export function hardCut(text: string, max: number): number {
  let at = max;
  const open = /\[\d*$/.exec(text.slice(0, at));
  if (open && open.index > 0) at = open.index;
  const code = text.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at -= 1;
  return Math.max(at, 1);
}

/** Shortens text to at most `max` characters, at a word boundary when one is near, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  const head = text.slice(0, room);
  const space = head.search(/\s\S*$/);
  const cut = space > room * 0.6 ? space : hardCut(text, room);
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/** A short plain reply (errors, cooldowns, hints), within the content limit. */
export function plainMessage(content: string): {
  readonly content: string;
  readonly embeds: readonly never[];
  readonly components: readonly never[];
} {
  return { content: truncate(content, LIMITS.content), embeds: [], components: [] };
}
