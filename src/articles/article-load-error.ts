/**
 * A file or folder of articles that cannot be used. The message names the path and the reason.
 * Thrown by {@link loadArticles} only when a whole folder is unusable; for a single bad file the
 * loader turns it into a warning and skips the file.
 */
export class ArticleLoadError extends Error {
  override readonly name = 'ArticleLoadError';

  constructor(
    /** The file or folder that could not be loaded. */
    readonly path: string,
    /** What is wrong with it, e.g. `empty file`. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${reason}`, options);
  }
}
