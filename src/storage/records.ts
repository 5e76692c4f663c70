import type { Client } from '@libsql/client';
import type { Logger } from '../logging/logger.js';
import {
  createSqliteChannelSettings,
  type ChannelSettingsRow,
  type SqliteChannelSettings,
} from './channel-settings-sqlite.js';
import { openDatabase } from './database.js';
import { importJsonlOnce } from './import-jsonl.js';
import { loadInstallationSalt } from './installation-salt.js';
import { createQuestionLog, type QuestionLog } from './question-log.js';
import { applyRetention } from './retention.js';
import { createStoryStore, type StoryStore } from './story-store.js';
import { createUsageStore, type UsageStore } from './usage-store.js';

/** Every record storybot keeps, in one database. */
export interface Records {
  readonly client: Client;
  readonly location: string;
  readonly salt: string;
  readonly storeDmText: boolean;
  readonly questions: QuestionLog;
  readonly usage: UsageStore;
  readonly stories: StoryStore;
  /** Per-channel settings (`/config`), validated by `parse` when read back. */
  channelSettings<E extends ChannelSettingsRow>(
    parse: (value: unknown) => E | undefined,
  ): SqliteChannelSettings<E>;
  /** Settles when the start-up retention pass has run (it never rejects: failures are logged). */
  readonly retained: Promise<void>;
  close(): void;
}

export interface OpenRecordsOptions {
  readonly varDir: string;
  /** `DATABASE_URL` / `DATABASE_AUTH_TOKEN`: a libsql server instead of the SQLite file. */
  readonly url?: string;
  readonly authToken?: string;
  /** `STORE_DM_TEXT`. */
  readonly storeDmText: boolean;
  /** `RETENTION_DAYS`: older rows are deleted in the background after opening, then daily; 0 keeps everything. */
  readonly retentionDays: number;
  readonly logger: Logger;
  /** Import the JSON-lines logs of earlier versions (default true). */
  readonly importOldLogs?: boolean;
}

/**
 * Opens the records database, runs its migrations, loads (or creates) the installation salt,
 * imports old JSON-lines logs once and starts the retention pass (see `retained`).
 */
export async function openRecords(options: OpenRecordsOptions): Promise<Records> {
  const { varDir, storeDmText, retentionDays, logger } = options;
  const db = await openDatabase({
    varDir,
    ...(options.url && { url: options.url }),
    ...(options.authToken && { authToken: options.authToken }),
  });
  const { client } = db;
  const salt = await loadInstallationSalt(client);
  if (options.importOldLogs !== false) await importJsonlOnce(client, varDir, logger);
  const prune = () =>
    applyRetention(client, retentionDays).then(
      (deleted) => {
        if (Object.values(deleted).some((n) => n > 0)) logger.info({ deleted }, 'old records deleted');
      },
      (error: unknown) => logger.error({ err: error }, 'could not delete old records'),
    );
  // In the background: a first answer never waits for old rows to be deleted.
  const retained = retentionDays > 0 ? prune() : Promise.resolve();
  const timer = retentionDays > 0 ? setInterval(() => void prune(), 86_400_000).unref() : undefined;
  return {
    client,
    location: db.location,
    salt,
    storeDmText,
    questions: createQuestionLog({ client, salt, storeDmText, logger }),
    usage: createUsageStore({ client, logger }),
    stories: createStoryStore(client),
    channelSettings: (parse) => createSqliteChannelSettings(client, parse),
    retained,
    close() {
      clearInterval(timer);
      db.close();
    },
  };
}
