import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { UserFacingError } from '../errors.js';

/** The few DOM members used here (the project compiles without the DOM library). */
interface DomNode {
  readonly textContent: string | null;
  querySelectorAll(selector: string): Iterable<DomNode>;
  closest(selector: string): DomNode | null;
}

/** An article found in a web page: its paragraphs (from `<p>` elements) and what the page says about it. */
export interface ExtractedArticle {
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly byline?: string;
  readonly siteName?: string;
  /** ISO 8601, when the page gives a readable publication time. */
  readonly publishedAt?: string;
}

// Readability keeps these inside an article body; they are not the story's text.
const NOT_TEXT = 'figcaption, aside, nav, footer, form, [role="complementary"]';
const PAYWALL =
  /\b(subscribe|subscription|subscribers? only|sign in to (?:continue|read)|log ?in to (?:continue|read)|already a subscriber|paywall|premium (?:article|content))\b/i;

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * Finds the article in an HTML page with Mozilla's Readability on a linkedom DOM. Paragraphs are
 * the article's `<p>` elements, whitespace collapsed. Throws a {@link UserFacingError} when the
 * page has no article (`article_not_found`).
 */
export function extractArticle(html: string, url: string): ExtractedArticle {
  const { document } = parseHTML(html) as unknown as { document: object };
  const reader = new Readability<DomNode>(document, { serializer: (node) => node as never });
  const parsed = reader.parse();
  const content = parsed?.content;
  const paragraphs = content
    ? [...content.querySelectorAll('p')]
        .filter((p) => p.closest(NOT_TEXT) === null)
        .map((p) => clean(p.textContent))
        .filter((text) => text.length > 0)
    : [];
  const title = clean(parsed?.title);
  if (!parsed || paragraphs.length === 0 || title === '')
    throw new UserFacingError(
      `No article was found at ${url}: it looks like a home page, a list of links, or a page that needs JavaScript.`,
      'article_not_found',
    );
  const byline = clean(parsed.byline);
  const siteName = clean(parsed.siteName);
  const publishedAt = isoTime(parsed.publishedTime);
  return {
    title,
    paragraphs,
    ...(byline && { byline }),
    ...(siteName && { siteName }),
    ...(publishedAt && { publishedAt }),
  };
}

/** Whether a page's text reads like a subscription wall. */
export function looksPaywalled(text: string): boolean {
  return PAYWALL.test(text);
}

function isoTime(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
