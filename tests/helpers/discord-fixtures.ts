import type { Article } from '../../src/articles/types.js';
import type { Answer, AnswerMode, Citation } from '../../src/domain/types.js';
import { embedLength, type OutgoingMessage } from '../../src/discord/render/outgoing.js';
import { LIMITS } from '../../src/discord/render/limits.js';

/** A made-up article: each paragraph text given, numbered ¶1..¶N. */
export function makeArticle(
  paragraphs: readonly string[],
  meta: Partial<Pick<Article, 'id' | 'title' | 'source' | 'publishedAt' | 'url'>> = {},
): Article {
  const id = meta.id ?? 'harbour-bridge';
  return {
    id,
    title: meta.title ?? 'Harbour bridge reopens after two-year repair',
    file: `${id}.md`,
    ...(meta.source !== undefined ? { source: meta.source } : {}),
    ...(meta.publishedAt !== undefined ? { publishedAt: meta.publishedAt } : {}),
    ...(meta.url !== undefined ? { url: meta.url } : {}),
    paragraphs: paragraphs.map((text, index) => ({ articleId: id, n: index + 1, text })),
  };
}

export const BRIDGE_PARAGRAPHS = [
  'PORT ELLEN, March 4 (Wire) - The harbour bridge reopened on Monday after a two-year repair that cost the city 48 million dollars, officials said.',
  'Engineers replaced 312 steel cables and resurfaced the deck, according to the transport department.',
  'Mayor Ana Ruiz said the project finished "on time, and close to budget", though critics pointed to a 6 million dollar overrun.',
  'Traffic is expected to return to about 40,000 vehicles a day within a month.',
];

/** The sample article most tests use. */
export const BRIDGE = makeArticle(BRIDGE_PARAGRAPHS, {
  source: 'The Port Ellen Courier',
  publishedAt: '2024-03-04',
  url: 'https://news.example.com/2024/03/bridge-reopens',
});

/** A citation whose quote is copied from the article (as the engine guarantees). */
export function cite(article: Article, n: number, paragraph: number, start = 0, length = 60): Citation {
  const text = article.paragraphs[paragraph - 1]?.text ?? '';
  return {
    n,
    articleId: article.id,
    paragraph,
    quote: text.slice(start, start + length).trim(),
    verified: true,
  };
}

/** An Answer as the engine would return it. */
export function makeAnswer(article: Article, parts: Partial<Answer> & { mode?: AnswerMode } = {}): Answer {
  const text = parts.text ?? 'The bridge reopened after a two-year repair [1].';
  const citations = parts.citations ?? [cite(article, 1, 1, 31, 70)];
  const declined = (parts.mode ?? 'llm') === 'declined';
  return {
    question: 'What happened to the bridge?',
    mode: 'llm',
    text,
    citations,
    claims: declined ? [] : [{ text, citations }],
    removed: { count: 0, reasons: [] },
    retrieved: [],
    article: {
      id: article.id,
      title: article.title,
      source: article.source,
      publishedAt: article.publishedAt,
      url: article.url,
    },
    notes: [],
    suggestions: [],
    usage: { promptTokens: 0, completionTokens: 0 },
    timingsMs: { retrieval: 0, llm: 0, total: 0 },
    ...parts,
  };
}

/** Every Discord limit a message breaks (empty when it is within all of them). */
export function limitProblems(message: OutgoingMessage): string[] {
  const problems: string[] = [];
  if ((message.content?.length ?? 0) > LIMITS.content) problems.push('content');
  if (message.embeds.length > LIMITS.embeds) problems.push('embeds');
  const total = message.embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
  if (total > LIMITS.embedTotal) problems.push(`total ${total}`);
  for (const embed of message.embeds) {
    if ((embed.title?.length ?? 0) > LIMITS.title) problems.push('title');
    if ((embed.description?.length ?? 0) > LIMITS.description) problems.push('description');
    if ((embed.author?.name.length ?? 0) > LIMITS.authorName) problems.push('author');
    if ((embed.footer?.text.length ?? 0) > LIMITS.footer) problems.push('footer');
    if ((embed.fields?.length ?? 0) > LIMITS.fields) problems.push('fields');
    for (const field of embed.fields ?? []) {
      if (field.name.length > LIMITS.fieldName || field.name.length === 0) problems.push('field name');
      if (field.value.length > LIMITS.fieldValue || field.value.length === 0) problems.push('field value');
    }
  }
  return problems;
}

/** All visible text of messages: content, embed descriptions and fields, joined. */
export function visibleText(messages: readonly OutgoingMessage[]): string {
  return messages
    .flatMap((message) => [
      message.content ?? '',
      ...message.embeds.flatMap((embed) => [
        embed.title ?? '',
        embed.description ?? '',
        ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
        embed.footer?.text ?? '',
      ]),
    ])
    .join('\n');
}

/** Undoes Markdown escaping (`\*` -> `*`) so escaped article text can be compared with the source. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_~|>#\-.[\]()])/g, '$1').replace(/\u200b/g, '');
}
