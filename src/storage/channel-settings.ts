/** How storybot behaves in one Discord channel (and the threads under it). */
export interface ChannelSettings {
  /** `mention`: answer only when mentioned or replied to; `every-message`: a dedicated "ask the story" channel. */
  readonly mode: 'mention' | 'every-message';
  /** Open a thread per question (named after it) and continue there without mentions. */
  readonly threads: boolean;
  /** `/ask` answers privately unless the asker says otherwise. */
  readonly private: boolean;
  /** The story (article id) the channel is about: its questions skip story choice. */
  readonly story?: string;
}

/** A channel's settings with where they apply and who last changed them. */
export interface ChannelSettingsEntry {
  readonly channelId: string;
  readonly guildId: string;
  readonly settings: ChannelSettings;
  /** The member who last changed them (an id). */
  readonly updatedBy: string;
  /** ISO timestamp of the change. */
  readonly updatedAt: string;
}

/** A channel nobody configured: answer when mentioned, in place, publicly, any story. */
export const DEFAULT_CHANNEL_SETTINGS: ChannelSettings = { mode: 'mention', threads: false, private: false };

/**
 * Where channel settings live. Implementations: JSON lines (this folder), SQLite, a shared cache.
 * A `set` is visible to the next `get` at once: settings apply without a restart.
 */
export interface ChannelSettingsStore {
  get(channelId: string): Promise<ChannelSettingsEntry | undefined>;
  set(entry: ChannelSettingsEntry): Promise<void>;
  /** Every configured channel of one guild (all guilds when omitted). */
  list(guildId?: string): Promise<readonly ChannelSettingsEntry[]>;
}

/** Settings kept in memory only (tests, or when no file is configured). */
export function createMemoryChannelSettings(): ChannelSettingsStore {
  const entries = new Map<string, ChannelSettingsEntry>();
  return {
    get: (channelId) => Promise.resolve(entries.get(channelId)),
    set(entry) {
      entries.set(entry.channelId, entry);
      return Promise.resolve();
    },
    list: (guildId) =>
      Promise.resolve(
        [...entries.values()].filter((entry) => guildId === undefined || entry.guildId === guildId),
      ),
  };
}

const MODES: readonly ChannelSettings['mode'][] = ['mention', 'every-message'];

/** Accepts a stored entry only if it has the shape of one (a hand-edited or older record may not). */
export function isChannelSettingsEntry(value: unknown): value is ChannelSettingsEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Record<keyof ChannelSettingsEntry, unknown>>;
  const settings = entry.settings as Partial<Record<keyof ChannelSettings, unknown>> | undefined;
  return (
    typeof entry.channelId === 'string' &&
    typeof entry.guildId === 'string' &&
    typeof settings === 'object' &&
    settings !== null &&
    MODES.includes(settings.mode as ChannelSettings['mode']) &&
    typeof settings.threads === 'boolean' &&
    typeof settings.private === 'boolean' &&
    (settings.story === undefined || typeof settings.story === 'string')
  );
}
