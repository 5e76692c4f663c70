import { cleanByline, isoTime } from './page-meta.js';

// The text rules, after structure: what is left at the top of a story that is only about it.
const NAME = String.raw`\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}`;
const BYLINE = new RegExp(
  String.raw`^by\s+${NAME}(?:(?:,\s*|\s+(?:and|&)\s+)${NAME})*(?:,\s+[\p{L} ]{2,40})?(?:\s*[|·•,-]\s*.{0,60})?$`,
  'iu',
);
const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;
const DAY = String.raw`(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?`;
const CLOCK = String.raw`\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|BST|UTC|[ECMP][SD]T|CET|CEST))?`;
const DATE = String.raw`(?:${DAY}\s+)?(?:\d{1,2}\s+${MONTH}|${MONTH}\s+\d{1,2},?)\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}`;
const STAMP = new RegExp(
  String.raw`^(?:(?:published|updated|posted|last updated|first published)(?:\s+on|\s+at)?:?\s*)?(?:(?:${CLOCK}|${DATE})[\s,]*(?:at\s+)?){1,2}$|^(?:published|updated|posted|last updated)\s+\d+\s+(?:minutes?|hours?|days?)\s+ago$|^\d+\s+(?:minutes?|hours?|days?)\s+ago$`,
  'iu',
);
const STAMP_WORDS = /^(?:published|updated|posted|last updated|first published)(?:\s+on|\s+at)?:?\s*/i;
// "LONDON (Reuters) —" or "PARIS, 12 March —" standing alone as a block.
const DATELINE = new RegExp(
  String.raw`^\p{Lu}[\p{Lu} .'-]{1,30}(?:,\s*(?:${DATE}|${MONTH}\s+\d{1,2}))?\s*(?:\([\p{L} ]{2,20}\))?\s*[-–—:]?$`,
  'u',
);

/** The story's paragraphs with its leading byline, dateline and timestamp lines taken out as metadata. */
export interface LeadingMeta {
  readonly paragraphs: readonly string[];
  readonly byline?: string;
  readonly publishedAt?: string;
}

/** Takes leading paragraphs that are only a byline, a dateline or a timestamp out of the story. */
export function takeLeadingMeta(paragraphs: readonly string[]): LeadingMeta {
  let byline: string | undefined;
  let publishedAt: string | undefined;
  let start = 0;
  for (const paragraph of paragraphs) {
    const text = paragraph.trim();
    if (text.length > 160) break;
    if (BYLINE.test(text)) byline ??= cleanByline(text.replace(/\s*[|·•]\s*.*$/, ''));
    else if (STAMP.test(text)) publishedAt ??= isoTime(text.replace(STAMP_WORDS, ''));
    else if (!DATELINE.test(text)) break;
    start += 1;
  }
  return {
    paragraphs: paragraphs.slice(start),
    ...(byline && { byline }),
    ...(publishedAt && { publishedAt }),
  };
}
