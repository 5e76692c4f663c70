import {
  createMemoryChannelSettings,
  isChannelSettingsEntry,
  type ChannelSettingsEntry,
  type ChannelSettingsStore,
} from './channel-settings.js';
import { createJsonlWriter, readJsonl } from './jsonl-file.js';

/**
 * Channel settings in a JSON-lines file: every change is appended as one line and the last line
 * for a channel wins, so a crash never loses earlier settings. Read once at start, then served
 * from memory (changes apply at once, without a restart).
 */
export async function loadJsonlChannelSettings(file: string): Promise<ChannelSettingsStore> {
  const memory = createMemoryChannelSettings();
  for (const line of await readJsonl<unknown>(file)) if (isChannelSettingsEntry(line)) await memory.set(line);
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
