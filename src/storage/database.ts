import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@libsql/client';
import pLimit from 'p-limit';
import { MIGRATIONS, type Migration } from './migrations.js';

/** An open records database with its schema up to date. */
export interface Database {
  readonly client: Client;
  /** Where it lives, for messages: a file path or the server URL without credentials. */
  readonly location: string;
  close(): void;
}

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** `DATABASE_URL`: a libsql server (libsql://, https://, wss://) or a `file:` URL. */
  readonly url?: string;
  readonly authToken?: string;
  /** `STORYBOT_VAR_DIR`: where the default SQLite file `storybot.db` goes. */
  readonly varDir: string;
  readonly migrations?: readonly Migration[];
}

/**
 * Opens the records database (SQLite in `varDir/storybot.db` unless a URL is given) and runs
 * every migration it has not seen yet, in order, each in one transaction.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const { url, authToken, varDir, migrations = MIGRATIONS } = options;
  // The client's native module takes a few hundred ms to load: imported here, while the caller
  // loads the stories at the same time.
  const { createClient } = await import('@libsql/client');
  let location: string;
  let client: Client;
  if (url) {
    const parsed = new URL(url);
    location = parsed.protocol === 'file:' ? parsed.pathname : `${parsed.protocol}//${parsed.host}`;
    client = createClient({ url, ...(authToken && { authToken }) });
  } else {
    await mkdir(varDir, { recursive: true });
    location = path.join(varDir, 'storybot.db');
    client = serialised(createClient({ url: `file:${location}` }));
  }
  try {
    if (!url) {
      // Several processes (the bot, `storybot add`, `storybot report`) may share the file.
      await client.execute('PRAGMA busy_timeout = 5000');
      await client.execute('PRAGMA journal_mode = WAL');
      // Under WAL, NORMAL syncs at checkpoints rather than on every commit: a killed process loses
      // nothing (the WAL is in the OS's hands), only a power cut may drop the last commits. It takes
      // the fsync off each recorded question (2.0 -> 1.3 ms per question in `ask --batch`).
      await client.execute('PRAGMA synchronous = NORMAL');
    }
    await migrate(client, migrations);
  } catch (error) {
    client.close();
    throw new Error(`the records database at ${location} could not be opened: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { client, location, close: () => client.close() };
}

const SERIALISED = new Set<PropertyKey>(['execute', 'batch', 'executeMultiple']);

/**
 * One statement or batch at a time on a local file connection: libsql refuses to commit a batch
 * while another statement on the same connection is still in progress ("SQL statements in
 * progress"), which a busy bot writing its records concurrently runs into.
 */
function serialised(client: Client): Client {
  const one = pLimit(1);
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!SERIALISED.has(property)) return method.bind(target);
      return (...args: unknown[]) => one(() => method.apply(target, args));
    },
  });
}

/** Applies the migrations newer than the database's recorded version. Returns the versions applied. */
export async function migrate(client: Client, migrations: readonly Migration[]): Promise<number[]> {
  await client.execute(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const current = await currentVersion(client);
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    try {
      await applyOne(client, migration);
    } catch (error) {
      // Another process starting at the same moment may have applied it first.
      if ((await currentVersion(client)) >= migration.version) continue;
      throw error;
    }
    applied.push(migration.version);
  }
  return applied;
}

async function currentVersion(client: Client): Promise<number> {
  const result = await client.execute('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations');
  return Number(result.rows[0]?.version ?? 0);
}

async function applyOne(client: Client, migration: Migration): Promise<void> {
  await client.batch(
    [
      ...migration.statements.map((sql) => ({ sql, args: [] })),
      {
        sql: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
        args: [migration.version, migration.name, new Date().toISOString()],
      },
    ],
    'write',
  );
}
