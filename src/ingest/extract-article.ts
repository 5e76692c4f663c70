import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { UserFacingError } from '../errors.js';
import { squash, type DomDocument, type DomElement } from './page-dom.js';
import { removeFurniture } from './page-furniture.js';
import { cleanByline, isoTime, readPageMeta } from './page-meta.js';
import { takeLeadingMeta } from './lead-meta.js';

/** An article found in a web page: its paragraphs (from `<p>` elements) and what the page says about it. */
export interface ExtractedArticle {
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly byline?: string;
  readonly siteName?: string;
  /** ISO 8601, when the page gives a readable publication time. */
  readonly publishedAt?: string;
  /** Whether the page hid the rest of the story behind a subscription wall. */
  readonly paywalled?: boolean;
}

const PAYWALL =
  /\b(subscribe|subscription|subscribers? only|sign in to (?:continue|read)|log ?in to (?:continue|read)|already a subscriber|paywall|premium (?:article|content))\b/i;

/**
 * Finds the article in an HTML page. The page's metadata (JSON-LD, meta tags, byline and time
 * elements) is read first; then furniture is removed by structure (see `removeFurniture`);
 * then Mozilla's Readability picks the story on a linkedom DOM; last, leading paragraphs that are
 * only a byline, a dateline or a timestamp become metadata. Paragraphs are the story's `<p>`
 * elements, whitespace collapsed. Throws a {@link UserFacingError} when the page has no article
 * (`article_not_found`).
 */
export function extractArticle(html: string, url: string): ExtractedArticle {
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  const pageMeta = readPageMeta(document);
  const { paywalled } = removeFurniture(document);
  const reader = new Readability<DomElement>(document, { serializer: (node) => node as never });
  const parsed = reader.parse();
  const found = parsed?.content
    ? [...parsed.content.querySelectorAll('p')]
        .map((p) => squash(p.textContent))
        .filter((text) => text !== '')
    : [];
  const lead = takeLeadingMeta(found);
  const title = pageMeta.title ?? squash(parsed?.title);
  if (!parsed || lead.paragraphs.length === 0 || title === '')
    throw new UserFacingError(
      `No article was found at ${url}: it looks like a home page, a list of links, or a page that needs JavaScript.`,
      'article_not_found',
    );
  const siteName = pageMeta.siteName ?? (squash(parsed.siteName) || undefined);
  // Readability's byline may be the publisher's name (a broadcaster's JSON-LD author); that is no byline.
  const readByline = cleanByline(parsed.byline ?? undefined);
  const byline = pageMeta.byline ?? lead.byline ?? (readByline !== siteName ? readByline : undefined);
  const publishedAt = pageMeta.publishedAt ?? lead.publishedAt ?? isoTime(parsed.publishedTime);
  return {
    title,
    paragraphs: lead.paragraphs,
    ...(byline && { byline }),
    ...(siteName && { siteName }),
    ...(publishedAt && { publishedAt }),
    ...(paywalled && { paywalled }),
  };
}

/** Whether a page's text reads like a subscription wall. */
export function looksPaywalled(text: string): boolean {
  return PAYWALL.test(text);
}
