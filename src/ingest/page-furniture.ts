import { linkDensity, squash, type DomDocument, type DomElement } from './page-dom.js';

// Elements that never hold a story's text. Figures take their captions and image credits with them.
const NEVER_TEXT = [
  'script, style, noscript, template, iframe, svg, canvas, object, embed, button, select, textarea',
  'figure, figcaption, picture, video, audio, aside, nav, form, footer, dialog',
  'amp-ad, amp-embed, amp-sticky-ad, amp-auto-ads, amp-social-share, amp-sidebar, amp-iframe, amp-img',
  '[role="complementary"], [role="navigation"], [role="contentinfo"], [role="banner"], [role="dialog"]',
  '[aria-hidden="true"], [hidden], address',
].join(', ');

// Class and id words of page furniture: ad slots, newsletter and subscription boxes, related and
// "most read" lists, share bars, captions and credits, bylines and datelines (read as metadata first).
const FURNITURE_WORDS = new Set(
  (
    'ad ads adslot adunit advert adverts advertisement advertising dfp gpt sponsor sponsored promo promoted ' +
    'newsletter newsletters signup subscribe subscription subscriber paywall regwall piano offer ' +
    'related recommended recommendations recirc recirculation outbrain taboola teaser teasers more ' +
    'share sharing sharetools social popular mostread mostpopular trending rail sidebar widget ' +
    'caption credit credits byline bylines author authors dateline timestamp date published updated ' +
    'comments comment cookie consent breadcrumb breadcrumbs tag tags topics toolbar meta pullquote bio'
  ).split(' '),
);
// Words that mean the element is the story itself, whatever else its classes say.
const STORY_WORDS =
  /(?:^|[\s_-])(?:article-?body|story-?body|post-?content|entry-?content|body-?text)(?:$|[\s_-])/i;
const PAYWALL_WORDS = new Set(['paywall', 'regwall', 'subscribe', 'subscription', 'subscriber', 'piano']);

// Where pages name their parts: classes and ids, and the component names of React-built sites.
const NAMING = ['class', 'id', 'data-component', 'data-testid'];

/** What structural cleaning did to a page. */
export interface StructureCleaning {
  /** Whether a subscription wall was among what was removed. */
  readonly paywalled: boolean;
}

/** The words of an element's class and id: `most-read__list` gives most, read, list, mostread. */
function wordsOf(element: DomElement): string[] {
  const names = NAMING.map((name) => element.getAttribute(name) ?? '').join(' ');
  const parts = names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const pairs = parts.slice(1).map((part, index) => `${parts[index] ?? ''}${part}`);
  return [...parts, ...pairs];
}

/**
 * Removes page furniture by structure, before any text rule sees the page: elements that never
 * hold story text, elements whose class or id names furniture, and link lists (most of their text
 * in links). An element holding the headline or most of the page's paragraph text is kept.
 */
export function removeFurniture(document: DomDocument): StructureCleaning {
  const root = document.body ?? document.documentElement;
  let paywalled = false;
  for (const element of [...root.querySelectorAll(NEVER_TEXT)]) element.remove();
  // A timestamp on its own is metadata; a time inside a sentence is part of the sentence.
  for (const time of [...root.querySelectorAll('time')]) if (!time.closest('p')) time.remove();
  const total = paragraphText(root);
  for (const element of [...root.querySelectorAll(NAMING.map((name) => `[${name}]`).join(', '))]) {
    if (!root.contains(element) || isStory(element, total)) continue;
    const words = wordsOf(element);
    if (!words.some((word) => FURNITURE_WORDS.has(word))) continue;
    paywalled ||= words.some((word) => PAYWALL_WORDS.has(word));
    element.remove();
  }
  for (const element of [...root.querySelectorAll('ul, ol, p, div, section')])
    if (root.contains(element) && isLinkBlock(element)) element.remove();
  // A heading left without its list ("Related topics", "More on this story") goes with it.
  for (const element of [...root.querySelectorAll('div, section')])
    if (root.contains(element) && isOrphanHeading(element)) element.remove();
  for (const header of [...root.querySelectorAll('header')])
    if (root.contains(header) && !header.querySelector('h1')) header.remove();
  return { paywalled };
}

function isStory(element: DomElement, total: number): boolean {
  if (STORY_WORDS.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`))
    return true;
  if (element.querySelector('h1')) return true;
  return total > 0 && paragraphText(element) > total / 2;
}

/** Lists of links, and short blocks that are mostly a link ("Read more: ..."). */
function isLinkBlock(element: DomElement): boolean {
  const text = squash(element.textContent);
  if (text === '') return element.tagName === 'P';
  const density = linkDensity(element);
  if (element.tagName === 'UL' || element.tagName === 'OL') return density >= 0.5;
  return density >= 0.6 && text.length < 240;
}

function paragraphText(element: DomElement): number {
  let length = 0;
  for (const p of element.querySelectorAll('p')) length += squash(p.textContent).length;
  return length;
}

function isOrphanHeading(element: DomElement): boolean {
  const text = squash(element.textContent);
  if (text === '' || element.querySelector('p, h1')) return false;
  const headings = [...element.querySelectorAll('h2, h3, h4, h5, h6')].map((h) => squash(h.textContent));
  return headings.length > 0 && headings.join(' ').length >= text.length - headings.length;
}
