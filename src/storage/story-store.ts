import type { Client } from '@libsql/client';
import { textOf } from './row-values.js';

/** What is recorded about a story that was added. */
export interface StoryRecord {
  readonly id: string;
  readonly title: string;
  readonly url?: string;
  readonly byline?: string;
  readonly source?: string;
  readonly publishedAt?: string;
  readonly file?: string;
  /** Who added it: `cli`, or a hashed Discord user. */
  readonly addedBy?: string;
}

/** Story metadata in the records database. */
export interface StoryStore {
  upsert(story: StoryRecord): Promise<void>;
  markRemoved(id: string): Promise<void>;
  list(): Promise<(StoryRecord & { readonly addedAt: string; readonly removedAt?: string })[]>;
}

/** Creates the story store. */
export function createStoryStore(client: Client, now: () => Date = () => new Date()): StoryStore {
  return {
    async upsert(story) {
      await client.execute({
        sql: `INSERT INTO stories (id, title, url, byline, source, published_at, file, added_at, added_by, removed_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
              ON CONFLICT (id) DO UPDATE SET title = excluded.title, url = excluded.url, byline = excluded.byline,
                source = excluded.source, published_at = excluded.published_at, file = excluded.file,
                added_at = excluded.added_at, added_by = excluded.added_by, removed_at = NULL`,
        args: [
          story.id,
          story.title,
          story.url ?? null,
          story.byline ?? null,
          story.source ?? null,
          story.publishedAt ?? null,
          story.file ?? null,
          now().toISOString(),
          story.addedBy ?? null,
        ],
      });
    },
    async markRemoved(id) {
      await client.execute({
        sql: 'UPDATE stories SET removed_at = ? WHERE id = ?',
        args: [now().toISOString(), id],
      });
    },
    async list() {
      const result = await client.execute('SELECT * FROM stories ORDER BY added_at');
      return result.rows.map((row) => {
        const text = (key: string) => textOf(row, key);
        return {
          id: text('id') ?? '',
          title: text('title') ?? '',
          addedAt: text('added_at') ?? '',
          ...optional({
            url: text('url'),
            byline: text('byline'),
            source: text('source'),
            publishedAt: text('published_at'),
            file: text('file'),
            addedBy: text('added_by'),
            removedAt: text('removed_at'),
          }),
        };
      });
    },
  };
}

function optional(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
