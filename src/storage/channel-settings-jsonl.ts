import {
  createMemoryChannelSettings,
  type ChannelSettings,
  type ChannelSettingsEntry,
  type ChannelSettingsStore,
} from './channel-settings.js';
import { createJsonlWriter, readJsonl } from './jsonl-file.js';

const MODES: readonly ChannelSettings['mode'][] = ['mention', 'every-message'];

/** Accepts a line only if it has the shape of an entry (a hand-edited or older file may not). */
function isEntry(value: unknown): value is ChannelSettingsEntry {
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

/**
 * Channel settings in a JSON-lines file: every change is appended as one line and the last line
 * for a channel wins, so a crash never loses earlier settings. Read once at start, then served
 * from memory (changes apply at once, without a restart).
 */
export async function loadJsonlChannelSettings(file: string): Promise<ChannelSettingsStore> {
  const memory = createMemoryChannelSettings();
  for (const line of await readJsonl<unknown>(file)) if (isEntry(line)) await memory.set(line);
  const writer = createJsonlWriter<ChannelSettingsEntry>(file);
  return {
    get: (channelId) => memory.get(channelId),
    list: (guildId) => memory.list(guildId),
    async set(entry) {
      await writer.append(entry);
      await memory.set(entry);
    },
  };
}
