import type { Client } from '@libsql/client';
import { textOf } from './row-values.js';

/** Per-channel settings (as JSON), kept across restarts. */
export interface ChannelSettingsStore<T> {
  get(channelId: string): Promise<T | undefined>;
  set(channelId: string, settings: T): Promise<void>;
  list(): Promise<{ readonly channelId: string; readonly settings: T }[]>;
}

/**
 * Channel settings in the records database. `parse` validates what is read back: a row that no
 * longer parses (an old or damaged record) reads as absent instead of failing.
 */
export function createChannelSettingsStore<T>(
  client: Client,
  parse: (value: unknown) => T | undefined,
): ChannelSettingsStore<T> {
  const decode = (text: unknown): T | undefined => {
    try {
      return parse(JSON.parse(String(text)));
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
      return result.rows[0] ? decode(result.rows[0].settings) : undefined;
    },
    async set(channelId, settings) {
      await client.execute({
        sql: `INSERT INTO channel_settings (channel_id, settings, updated_at) VALUES (?, ?, ?)
              ON CONFLICT (channel_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
        args: [channelId, JSON.stringify(settings), new Date().toISOString()],
      });
    },
    async list() {
      const result = await client.execute(
        'SELECT channel_id, settings FROM channel_settings ORDER BY channel_id',
      );
      return result.rows.flatMap((row) => {
        const settings = decode(row.settings);
        return settings === undefined ? [] : [{ channelId: textOf(row, 'channel_id') ?? '', settings }];
      });
    },
  };
}
