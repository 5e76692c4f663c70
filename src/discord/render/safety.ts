import { escapeMarkdown } from 'discord.js';

const ZWSP = '\u200b';
const EVERYONE_OR_HERE = /@(everyone|here)/gi;
// <@id>, <@!id>, <@&id>, <#id>: user, nickname, role and channel mentions.
const ID_MENTION = /<(@[!&]?|#)(\d+)>/g;
// A URL may hold balanced parentheses (https://en.wikipedia.org/wiki/Typhoon_(disambiguation)).
const URL_PART = String.raw`(?:[^\s<>()]|\([^\s<>()]*\))`;
// [label](url) and [label](<url> "title"), with one level of brackets allowed inside the label.
const MASKED_LINK = new RegExp(
  String.raw`\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?(${URL_PART}+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)`,
  'g',
);
// A bare link, not already inside <...>, ending on a character that is not trailing punctuation.
// Masked links are dealt with first, so a URL after "(" here is a bare one that would unfurl.
const BARE_URL = new RegExp(
  String.raw`(^|[^<\w])(https?:\/\/${URL_PART}*(?:[^\s<>().,;:!?'"\]]|\([^\s<>()]*\)))`,
  'gi',
);

/**
 * Makes mention syntax inert: `@everyone`, `@here`, `<@id>`, `<@&id>`, `<#id>` get a zero-width
 * space so Discord shows them as text. Sends also carry `allowedMentions: { parse: [] }`; this is the
 * second lock, and it also stops a mention rendering as a highlighted name.
 */
export function neutraliseMentions(text: string): string {
  return text
    .replace(EVERYONE_OR_HERE, `@${ZWSP}$1`)
    .replace(ID_MENTION, (_match, kind: string, id: string) => `<${ZWSP}${kind}${id}>`);
}

/** The URL without its fragment, for comparing links with the article's address. */
function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/**
 * Strips masked links `[text](url)` to their text unless they point at `allowedUrl` (the article),
 * so a model cannot dress up a link to somewhere else.
 */
export function stripMaskedLinks(text: string, allowedUrl?: string): string {
  return text.replace(MASKED_LINK, (_match, label: string, url: string) =>
    allowedUrl !== undefined && withoutFragment(url) === withoutFragment(allowedUrl)
      ? `[${label}](<${url}>)`
      : label,
  );
}

/** Wraps bare links in `<...>` so Discord never unfurls a preview for them. */
export function suppressLinkPreviews(text: string): string {
  return text.replace(BARE_URL, (_match, before: string, url: string) => `${before}<${url}>`);
}

/** Everything the model wrote passes through here before it is shown. */
export function sanitiseModelText(text: string, articleUrl?: string): string {
  return neutraliseMentions(suppressLinkPreviews(stripMaskedLinks(text, articleUrl)));
}

/**
 * Article text shown verbatim: Markdown escaped (so it displays exactly as written) and mentions
 * made inert.
 */
export function verbatimText(text: string): string {
  return neutraliseMentions(escapeMarkdown(text));
}

/**
 * What a user typed, echoed back: on one line, Markdown escaped (headings and lists too), masked
 * links cut to their text (the bot must not re-post someone's disguised link), bare links kept
 * from unfurling, mentions inert.
 */
export function echoUserText(text: string): string {
  const oneLine = stripMaskedLinks(text.replace(/\s+/g, ' ').trim());
  const escaped = escapeMarkdown(oneLine, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
  return neutraliseMentions(suppressLinkPreviews(escaped));
}
