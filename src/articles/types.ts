/** What is known about an article besides its text. */
export interface ArticleMeta {
  /** Stable id: the front-matter/sidecar `id`, else the file name without extension. */
  readonly id: string;
  readonly title: string;
  /** The outlet that published it, when known. */
  readonly source?: string;
  /** Who wrote it, as the page says (e.g. "By Jane Doe"), when known. */
  readonly byline?: string;
  /** ISO 8601 date (YYYY-MM-DD or full timestamp), when known. */
  readonly publishedAt?: string;
  readonly url?: string;
  /**
   * Who owns a story added from Discord (`/story add`): the id of the server it was added in (only
   * that server sees it), or {@link EVERY_SERVER} for one the bot's owner added for all servers.
   * Absent: the operator's story (a file put in the data folder), which no Discord command changes.
   */
  readonly addedIn?: string;
}

/** `addedIn` of a story the bot's owner added from Discord for every server. */
export const EVERY_SERVER = '*';

/** One paragraph of a cleaned article. Its text is exact: quotes are checked against it. */
export interface Paragraph {
  readonly articleId: string;
  /** 1-based position in the cleaned article: ¶1..¶N. */
  readonly n: number;
  readonly text: string;
}

/** A loaded, cleaned article. */
export interface Article extends ArticleMeta {
  /** Path of the file it was loaded from. */
  readonly file: string;
  readonly paragraphs: readonly Paragraph[];
}
