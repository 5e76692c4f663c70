import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../../src/articles/types.js';
import { loadArticleFile } from '../../src/articles/load-article-file.js';
import { readerSetSchema } from './reader-set-schema.js';

/** What a reader-set question expects of the bot. */
export type Expect = 'answer' | 'decline' | 'greeting' | 'thanks' | 'meta' | 'summary' | 'clarify';

/** One question of a reader set (bench/eval/sets/reader-*.json): the gold is for its last turn. */
export interface ReaderQuestion {
  readonly id: string;
  readonly turns: readonly string[];
  readonly type?: string;
  readonly expect: Expect;
  readonly paragraphs?: readonly number[];
  readonly spans?: readonly string[];
  readonly focus?: string;
  readonly about?: string;
}

/** One story of a reader set, with its questions. */
export interface ReaderStory {
  /** Path under ../shared/corpora. */
  readonly source: string;
  readonly kind?: string;
  readonly questions: readonly ReaderQuestion[];
}

/** A reader set loaded: the stories as articles (ids are their corpus paths), with their questions. */
export interface LoadedSet {
  readonly stories: readonly { readonly article: Article; readonly questions: readonly ReaderQuestion[] }[];
}

/** Reads a reader set and loads each story from the corpora folder through the app's own loader. */
export async function loadReaderSet(file: string, corporaDir: string): Promise<LoadedSet> {
  const json: { stories: readonly ReaderStory[] } = readerSetSchema.parse(
    JSON.parse(await readFile(file, 'utf8')),
  );
  const stories = await Promise.all(
    json.stories.map(async (story) => {
      const article = await loadArticleFile(path.join(corporaDir, story.source), {
        defaultId: story.source.replace(/\.txt$/, '').replaceAll('/', '-'),
        hasSidecar: false,
      });
      return { article, questions: story.questions };
    }),
  );
  return { stories };
}
