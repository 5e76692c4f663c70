/** One numbered schema change. Applied in order, once, inside a transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/**
 * The schema, as numbered migrations. Never edit a released migration: add the next number.
 * Times are ISO 8601 UTC strings, so they sort and compare as text.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records',
    statements: [
      `CREATE TABLE installation (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      `CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        story TEXT,
        channel_kind TEXT NOT NULL,
        user_hash TEXT,
        question TEXT,
        intent TEXT,
        mode TEXT NOT NULL,
        cited TEXT NOT NULL DEFAULT '[]',
        claims_kept INTEGER NOT NULL DEFAULT 0,
        claims_removed INTEGER NOT NULL DEFAULT 0,
        removed_reasons TEXT NOT NULL DEFAULT '[]',
        latency_ms INTEGER NOT NULL DEFAULT 0,
        model TEXT,
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        error TEXT
      )`,
      `CREATE INDEX questions_by_time ON questions (time)`,
      `CREATE INDEX questions_by_story ON questions (story, time)`,
      `CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
        user_hash TEXT NOT NULL,
        story TEXT,
        question TEXT,
        answer TEXT,
        mode TEXT NOT NULL,
        cited TEXT NOT NULL DEFAULT '[]'
      )`,
      `CREATE INDEX feedback_by_time ON feedback (time)`,
      `CREATE TABLE usage (
        id INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL
      )`,
      `CREATE INDEX usage_by_time ON usage (time)`,
      `CREATE TABLE channel_settings (
        channel_id TEXT PRIMARY KEY,
        settings TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        url TEXT,
        byline TEXT,
        source TEXT,
        published_at TEXT,
        file TEXT,
        added_at TEXT NOT NULL,
        added_by TEXT,
        removed_at TEXT
      )`,
      `CREATE TABLE imports (file TEXT PRIMARY KEY, time TEXT NOT NULL, imported INTEGER NOT NULL, skipped INTEGER NOT NULL)`,
    ],
  },
  {
    version: 2,
    name: 'interrupted answers',
    // 'stopped' or 'cut short' when the answer ended early (it holds the claims shown before); else NULL.
    statements: [`ALTER TABLE questions ADD COLUMN interrupted TEXT`],
  },
];
