import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { ArticleMeta } from '../../articles/types.js';
import type { Answer, Citation } from '../../domain/types.js';
import { LIMITS, truncate } from './limits.js';
import { embedLength, isWebUrl } from './outgoing.js';
import { verbatimText } from './safety.js';
import { textFragmentUrl } from './text-fragment.js';

/** Longest quote shown in a source field before it is trimmed with an ellipsis. */
const QUOTE_PREVIEW = 300;
/** Longest link kept: text-fragment links to long quotes get unwieldy. */
const MAX_LINK = 600;

/** Prefixes every line with `> ` so the text renders as a block quote. */
export function blockQuote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** A link that opens the article at the quote, when the article has a web address. */
export function quoteLink(article: ArticleMeta | undefined, quote: string): string | undefined {
  const url = article?.url;
  const link = isWebUrl(url) ? textFragmentUrl(url, quote) : undefined;
  return link !== undefined && link.length <= MAX_LINK ? link : undefined;
}

/** Citations once each: one group per marker, and a quote repeated under another marker is dropped. */
export function groupCitations(citations: readonly Citation[]): Citation[][] {
  const groups = new Map<number, Citation[]>();
  const seen = new Set<string>();
  for (const citation of citations) {
    const key = `${citation.articleId}:${citation.paragraph}:${citation.quote}`;
    if (seen.has(key)) continue;
    seen.add(key);
    groups.set(citation.n, [...(groups.get(citation.n) ?? []), citation]);
  }
  return [...groups.values()];
}

/** One source field per marker: `[n] ¶p`, the verified quotes, a link to the first. */
export function sourceField(
  group: readonly Citation[],
  answer: Answer,
  findArticle: (articleId: string) => ArticleMeta | undefined,
): APIEmbedField | undefined {
  const [first] = group;
  if (!first) return undefined;
  const article = findArticle(first.articleId);
  const other = article && article.id !== answer.article.id ? ` · ${article.title}` : '';
  const paragraphs = [...new Set(group.map((citation) => `¶${citation.paragraph}`))].join(' ');
  const name = truncate(`[${first.n}] ${paragraphs}${other}`, LIMITS.fieldName);
  const link = quoteLink(article, first.quote);
  const linkLine = link !== undefined ? `\n[Open the article at this quote](${link})` : '';
  const quotes = group.map((citation) => blockQuote(verbatimText(truncate(citation.quote, QUOTE_PREVIEW))));
  return { name, value: truncate(quotes.join('\n'), LIMITS.fieldValue - linkLine.length) + linkLine };
}

/** Adds fields, opening a new embed when one is full (25 fields, or the 6000 total minus `reserve`). */
export function attachFields(
  embeds: APIEmbed[],
  fields: readonly APIEmbedField[],
  color: number,
  reserve: number,
): void {
  for (const field of fields) {
    let last = embeds[embeds.length - 1];
    const size = field.name.length + field.value.length;
    if (
      !last ||
      (last.fields?.length ?? 0) >= LIMITS.fields ||
      embedLength(last) + size + reserve > LIMITS.embedTotal
    ) {
      last = { color, fields: [] };
      embeds.push(last);
    }
    last.fields = [...(last.fields ?? []), field];
  }
}
