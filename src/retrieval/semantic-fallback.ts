import { UserFacingError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { SemanticSearch } from './semantic-search.js';

/** Embedding search that never fails a question: `undefined` means "rank with BM25 alone". */
export interface OptionalSemanticSearch {
  similarities(articleId: string, query: string): Promise<Map<number, number> | undefined>;
}

/**
 * Makes embeddings optional for every question: a failure (429, 5xx, timeout, a paused budget)
 * leaves that question to BM25, and a missing model or a server without embeddings turns them off
 * for good, with one warning.
 */
export function withSemanticFallback(semantic: SemanticSearch, logger: Logger): OptionalSemanticSearch {
  let disabled = false;
  return {
    async similarities(articleId, query) {
      if (disabled) return undefined;
      try {
        return await semantic.similarities(articleId, query);
      } catch (error) {
        const code = error instanceof UserFacingError ? error.code : undefined;
        // No such embedding model, or a server that does not embed at all (llama.cpp without
        // --embeddings answers 501; others 400 or 404): asking again will not help.
        if (error instanceof UserFacingError && error.permanent) {
          disabled = true;
          logger.warn({ code }, 'embedding model unavailable; embeddings turned off, using BM25 alone');
        } else {
          logger.warn(
            { code: code ?? 'unexpected' },
            'query embedding failed; this question uses BM25 alone',
          );
        }
        return undefined;
      }
    },
  };
}
