import { partsText, squash, type DomDocument } from './page-dom.js';

/** What a page says about its article, read before the page's furniture is removed. */
export interface PageMeta {
  readonly title?: string;
  readonly byline?: string;
  readonly siteName?: string;
  /** ISO 8601. */
  readonly publishedAt?: string;
}

interface LinkedData {
  readonly '@type'?: unknown;
  readonly '@graph'?: unknown;
  readonly headline?: unknown;
  readonly author?: unknown;
  readonly datePublished?: unknown;
  readonly publisher?: unknown;
}

const ARTICLE_TYPES =
  /^(?:News|Reportage|Analysis|Opinion|Report|Blog|LiveBlog)?(?:Article|Posting)$|^LiveBlogPosting$/;

/** ISO 8601 for a readable date, or undefined. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  // A date without a clock or zone is that day in UTC, whatever this machine's time zone.
  const zoned = /\d[:.]\d\d|T\d|Z$|[+-]\d\d:?\d\d$|\b(?:UTC|GMT)\b|^\d{4}-\d\d-\d\d$/i.test(value)
    ? value
    : `${value} UTC`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** A byline without its "By" and its trailing role ("By Ann Lee, health reporter" gives "Ann Lee, health reporter"). */
export function cleanByline(value: string | undefined): string | undefined {
  const text = squash(value)
    .replace(/^by[:\s]+/i, '')
    .replace(/\s*[|·•]\s*.*$/, '');
  return text === '' || /^https?:/i.test(text) ? undefined : text;
}

/**
 * Reads the article's metadata the way news sites publish it: schema.org JSON-LD first, then
 * Open Graph and article meta tags, then the byline and time elements on the page.
 */
export function readPageMeta(document: DomDocument): PageMeta {
  const linked = linkedArticle(document);
  const meta = (selector: string) =>
    squash(document.querySelector(selector)?.getAttribute('content')) || undefined;
  const bylineElement = document.querySelector(
    '[rel="author"], [class*="byline"], [data-component*="byline"], [itemprop="author"]',
  );
  const time = document.querySelector('time[datetime]')?.getAttribute('datetime');
  const title = stringOf(linked?.headline) ?? meta('meta[property="og:title"]');
  const byline = cleanByline(
    namesOf(linked?.author) ??
      meta('meta[name="author"]') ??
      (partsText(bylineElement) || postedBy(document)),
  );
  const siteName =
    meta('meta[property="og:site_name"]') ??
    stringOf((linked?.publisher as { name?: unknown } | undefined)?.name);
  const publishedAt =
    isoTime(linked?.datePublished) ??
    isoTime(meta('meta[property="article:published_time"]')) ??
    isoTime(meta('meta[itemprop="datePublished"]')) ??
    isoTime(time) ??
    isoTime(stampText(document));
  return {
    ...(title && { title }),
    ...(byline && { byline }),
    ...(siteName && { siteName }),
    ...(publishedAt && { publishedAt }),
  };
}

function linkedArticle(document: DomDocument): LinkedData | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const items = Array.isArray(parsed) ? parsed : [parsed, ...graphOf(parsed)];
    const found = items.find(
      (item): item is LinkedData =>
        typeof item === 'object' &&
        item !== null &&
        [(item as LinkedData)['@type']]
          .flat()
          .some((type) => typeof type === 'string' && ARTICLE_TYPES.test(type)),
    );
    if (found) return found;
  }
  return undefined;
}

function graphOf(value: unknown): unknown[] {
  const graph = (value as LinkedData | null)?.['@graph'];
  return Array.isArray(graph) ? graph : [];
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? squash(value) : undefined;
}

/** "Ann Lee", {name: "Ann Lee"}, or a list of them, joined with "and". */
function namesOf(value: unknown): string | undefined {
  const names = [value]
    .flat()
    // An organisation as "author" (common on broadcasters' pages) is not a byline.
    .filter((item) => ![(item as { '@type'?: unknown } | null)?.['@type']].flat().some(isOrganisation))
    .map((item) => stringOf(item) ?? stringOf((item as { name?: unknown } | null)?.name))
    .filter((name): name is string => name !== undefined && !/^https?:/i.test(name));
  return names.length > 0 ? names.join(' and ') : undefined;
}

const POSTED_BY = /\bby\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})/u;

/** "Posted by Ann Lee on Monday" in a CMS's meta or "submitted" line. */
function postedBy(document: DomDocument): string | undefined {
  for (const element of document.querySelectorAll(
    '[class*="meta"], [class*="submitted"], [class*="author"]',
  )) {
    const text = squash(element.textContent);
    const name = text.length <= 160 ? POSTED_BY.exec(text)?.[1] : undefined;
    if (name) return name;
  }
  return undefined;
}

/** The text of a dateline or timestamp element, without its "Published:" label. */
function stampText(document: DomDocument): string | undefined {
  const element = document.querySelector('[class*="dateline"], [class*="timestamp"], [class*="date"]');
  const text = squash(element?.textContent).replace(/^(?:published|updated|posted)(?:\s+on)?:?\s*/i, '');
  return text.length > 0 && text.length <= 60 ? text : undefined;
}

const isOrganisation = (type: unknown) => typeof type === 'string' && /Organi[sz]ation$/.test(type);
