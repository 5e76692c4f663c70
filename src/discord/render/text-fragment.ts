/** Words at each end of a long quote used as the fragment's start and end. */
const EDGE_WORDS = 4;
/** Quotes of up to this many words are matched whole. */
const WHOLE_QUOTE_WORDS = 2 * EDGE_WORDS;

/**
 * Percent-encodes a text-fragment term: encodeURIComponent plus the characters the Text Fragments
 * spec gives meaning to (`-`, `,`, `&`) and those that would end a Markdown link early.
 */
export function encodeFragmentTerm(term: string): string {
  return encodeURIComponent(term).replace(
    /[-,&!'()*~]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** Keeps a URL usable inside a Markdown link: no raw parentheses or spaces. */
function markdownSafeUrl(url: string): string {
  return url
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\s/g, (char) => encodeURIComponent(char));
}

/**
 * A link that opens `url` scrolled to `quote` and highlights it (`#:~:text=start,end`), for
 * browsers that support text fragments; others simply open the page.
 */
export function textFragmentUrl(url: string, quote: string): string {
  const words = quote.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const base = markdownSafeUrl(url);
  if (words.length === 0) return base;
  const directive =
    words.length <= WHOLE_QUOTE_WORDS
      ? encodeFragmentTerm(words.join(' '))
      : `${encodeFragmentTerm(words.slice(0, EDGE_WORDS).join(' '))},${encodeFragmentTerm(
          words.slice(-EDGE_WORDS).join(' '),
        )}`;
  // A page fragment may already be there: the directive follows it (`#section:~:text=`).
  return `${base}${base.includes('#') ? '' : '#'}:~:text=${directive}`;
}
