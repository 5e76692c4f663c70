import type { Client } from '@libsql/client';
import { textOf } from './row-values.js';

/** A channel's settings entry as the Discord `/config` command stores it (channel, guild, settings, who, when). */
export interface ChannelSettingsRow {
  readonly channelId: string;
  readonly guildId: string;
}

/** get / set / list of per-channel settings entries, kept in the records database. */
export interface SqliteChannelSettings<E extends ChannelSettingsRow> {
  get(channelId: string): Promise<E | undefined>;
  set(entry: E): Promise<void>;
  /** Every configured channel of one guild (all guilds when omitted). */
  list(guildId?: string): Promise<readonly E[]>;
}

/**
 * Channel settings in the `channel_settings` table, one JSON entry per channel, applied at once
 * (the next `get` sees a `set`). `parse` validates what is read back: a damaged or outdated row
 * reads as absent instead of failing. Fits the `ChannelSettingsStore` interface of `/config`.
 */
export function createSqliteChannelSettings<E extends ChannelSettingsRow>(
  client: Client,
  parse: (value: unknown) => E | undefined,
): SqliteChannelSettings<E> {
  const decode = (text: string | undefined): E | undefined => {
    try {
      return text === undefined ? undefined : parse(JSON.parse(text));
    } catch {
      return undefined;
    }
  };
  return {
    async get(channelId) {
      const result = await client.execute({
        sql: 'SELECT settings FROM channel_settings WHERE channel_id = ?',
        args: [channelId],
      });
      const row = result.rows[0];
      return row ? decode(textOf(row, 'settings')) : undefined;
    },
    async set(entry) {
      await client.execute({
        sql: `INSERT INTO channel_settings (channel_id, settings, updated_at) VALUES (?, ?, ?)
              ON CONFLICT (channel_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
        args: [entry.channelId, JSON.stringify(entry), new Date().toISOString()],
      });
    },
    async list(guildId) {
      const result = await client.execute('SELECT settings FROM channel_settings ORDER BY channel_id');
      return result.rows.flatMap((row) => {
        const entry = decode(textOf(row, 'settings'));
        return entry && (guildId === undefined || entry.guildId === guildId) ? [entry] : [];
      });
    },
  };
}
