/** The longest story id: ids appear in file names, button ids and autocomplete values. */
export const MAX_STORY_ID_LENGTH = 64;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Why a story id is refused, or `undefined` when it is a slug: lower-case letters, digits and
 * single hyphens, at most {@link MAX_STORY_ID_LENGTH} characters. One rule for every source
 * (front matter, sidecar, `--id`), so an id can never name a path outside the data folder.
 */
export function storyIdProblem(id: string): string | undefined {
  if (id.length > MAX_STORY_ID_LENGTH)
    return `is ${id.length} characters long; the limit is ${MAX_STORY_ID_LENGTH}`;
  if (!SLUG.test(id))
    return 'must be a slug: lower-case letters a-z, digits and single hyphens (e.g. "budget-vote-2024")';
  return undefined;
}

/** A slug from any text (a title, a file name): lower case, words joined by '-', at most 60 characters. */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > 60) break;
    slug = next;
  }
  return slug === '' ? (words[0]?.slice(0, 60) ?? 'story') : slug;
}
