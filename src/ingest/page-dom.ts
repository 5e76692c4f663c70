/** The few DOM members the page reader uses (the project compiles without the DOM library). */
export interface DomElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly parentElement: DomElement | null;
  readonly children: Iterable<DomElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  closest(selector: string): DomElement | null;
  contains(other: DomElement): boolean;
  remove(): void;
}

/** A parsed page's document, as far as the page reader uses it. */
export interface DomDocument {
  readonly body: DomElement | null;
  readonly documentElement: DomElement;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

/** Text with whitespace collapsed and trimmed. */
export const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** The share of an element's text that sits inside links (0 for an element without text). */
export function linkDensity(element: DomElement): number {
  const total = squash(element.textContent).length;
  if (total === 0) return 0;
  let linked = 0;
  for (const link of element.querySelectorAll('a')) linked += squash(link.textContent).length;
  return Math.min(1, linked / total);
}

/** The texts of an element's innermost parts, joined with " · " (spans in a byline are separate fields). */
export function partsText(element: DomElement | null): string {
  if (!element) return '';
  const leaves = [...element.querySelectorAll('*')].filter((node) => [...node.children].length === 0);
  const parts = (leaves.length > 0 ? leaves : [element])
    .map((node) => squash(node.textContent))
    .filter(Boolean);
  return parts.join(' · ');
}
