import { ButtonStyle, ComponentType, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { Article } from '../../articles/types.js';
import { quoteButtonId } from '../commands/custom-ids.js';
import { isWebUrl, toMessages, type OutgoingMessage } from './outgoing.js';
import { blockQuote } from './render-answer.js';
import { verbatimText } from './safety.js';
import { LIMITS, truncate } from './limits.js';
import { splitText } from './split.js';
import { textFragmentUrl } from './text-fragment.js';

const ARTICLE_COLOR = 0x4f545c;

/** A publication date for people: "5 March 2024" for a plain date, else as given. */
export function formatDate(publishedAt: string): string {
  const date = new Date(publishedAt);
  if (Number.isNaN(date.getTime())) return publishedAt;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

function linkTo(article: Article): Pick<APIEmbed, 'url'> {
  return isWebUrl(article.url) ? { url: article.url } : {};
}

/** Article text as block-quoted embed descriptions, split when longer than one embed allows. */
function quotedEmbeds(text: string, head: APIEmbed): APIEmbed[] {
  const chunks = splitText(text, 3000).map((chunk) => blockQuote(verbatimText(chunk)));
  return chunks.map((chunk, index) => ({
    ...(index === 0 ? head : {}),
    color: ARTICLE_COLOR,
    description: truncate(chunk, LIMITS.description),
  }));
}

/** `/article`: headline, outlet, date, link, paragraph count and the opening paragraph. */
export function renderArticle(article: Article): OutgoingMessage[] {
  const facts = [
    article.source ? `**Outlet:** ${verbatimText(article.source)}` : undefined,
    article.publishedAt ? `**Published:** ${formatDate(article.publishedAt)}` : undefined,
    `**Paragraphs:** ${article.paragraphs.length} (¶1–¶${article.paragraphs.length})`,
    isWebUrl(article.url) ? `**Link:** <${article.url}>` : undefined,
  ].filter((line): line is string => line !== undefined);
  const info: APIEmbed = {
    color: ARTICLE_COLOR,
    title: truncate(article.title, LIMITS.title),
    ...linkTo(article),
    description: facts.join('\n'),
    footer: { text: 'Ask about it with /ask, or read any paragraph with /quote' },
  };
  const opening = article.paragraphs[0];
  const quoted = opening ? quotedEmbeds(opening.text, { title: 'Opening paragraph (¶1)' }) : [];
  return toMessages([info, ...quoted]);
}

/** `/article` with several stories and none chosen: a list to pick from. */
export function renderArticleList(articles: readonly Article[]): OutgoingMessage[] {
  const fields = articles.slice(0, LIMITS.fields).map((article) => ({
    name: truncate(article.title, LIMITS.fieldName),
    value: truncate(
      [
        article.source,
        article.publishedAt && formatDate(article.publishedAt),
        `${article.paragraphs.length} paragraphs`,
      ]
        .filter(Boolean)
        .join(' · '),
      LIMITS.fieldValue,
    ),
  }));
  const more = articles.length > fields.length ? ` (showing ${fields.length} of ${articles.length})` : '';
  return toMessages([
    {
      color: ARTICLE_COLOR,
      title: `${articles.length} stories loaded${more}`,
      description: 'Pick one with the `story` option of /article, /ask or /quote.',
      fields,
    },
  ]);
}

function navButtons(article: Article, n: number): OutgoingMessage['components'] {
  const last = article.paragraphs.length;
  const prev = quoteButtonId(article.id, n - 1);
  const next = quoteButtonId(article.id, n + 1);
  const buttons: APIButtonComponent[] = [];
  if (prev !== undefined && next !== undefined) {
    buttons.push(
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: n <= 1 ? '◀ Start' : `◀ ¶${n - 1}`,
        custom_id: prev,
        disabled: n <= 1,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: n >= last ? 'End ▶' : `¶${n + 1} ▶`,
        custom_id: next,
        disabled: n >= last,
      },
    );
  }
  const paragraph = article.paragraphs[n - 1];
  const link = isWebUrl(article.url) && paragraph ? textFragmentUrl(article.url, paragraph.text) : undefined;
  if (link !== undefined && link.length <= 512) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: 'Open in the article',
      url: link,
    });
  }
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/** `/quote`: ¶n verbatim with Prev/Next buttons. `n` must be in range (the caller checks). */
export function renderParagraph(article: Article, n: number): OutgoingMessage[] {
  const paragraph = article.paragraphs[n - 1];
  if (!paragraph) return [{ content: `There is no ¶${n}.`, embeds: [], components: [] }];
  const head: APIEmbed = {
    author: { name: truncate(article.title, LIMITS.authorName), ...linkTo(article) },
    title: `¶${n} of ${article.paragraphs.length}`,
  };
  return toMessages(quotedEmbeds(paragraph.text, head), undefined, navButtons(article, n));
}

/** A paragraph of an article, by its number. */
export interface ParagraphRef {
  readonly article: Article;
  readonly paragraph: number;
}

/** "Show paragraphs": the full text of each cited paragraph, in order; each headline said once. */
export function renderParagraphs(refs: readonly ParagraphRef[]): OutgoingMessage[] {
  let previous: string | undefined;
  const embeds = refs.flatMap(({ article, paragraph: n }) => {
    const paragraph = article.paragraphs[n - 1];
    if (!paragraph) return [];
    const head: APIEmbed = { title: `¶${n}` };
    if (article.id !== previous)
      head.author = { name: truncate(article.title, LIMITS.authorName), ...linkTo(article) };
    previous = article.id;
    return quotedEmbeds(paragraph.text, head);
  });
  return toMessages(embeds);
}
