import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadJsonlChannelSettings } from '../src/storage/channel-settings-jsonl.js';
import { createLogger } from '../src/logging/logger.js';
import { isChannelSettingsEntry, type ChannelSettingsEntry } from '../src/storage/channel-settings.js';
import { openRecords } from '../src/storage/records.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const entry = (channelId: string, guildId: string, threads: boolean): ChannelSettingsEntry => ({
  channelId,
  guildId,
  settings: { mode: 'mention', threads, private: false },
  updatedBy: '1',
  updatedAt: new Date(0).toISOString(),
});

describe('channel settings in a JSON-lines file', () => {
  it('serves a change at once, keeps it across a reload (last line wins), and lists by guild', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'storybot-settings-'));
    const file = path.join(dir, 'settings.jsonl');
    const store = await loadJsonlChannelSettings(file);
    expect(await store.get('c1')).toBeUndefined();
    await store.set(entry('c1', 'g1', true));
    await store.set(entry('c2', 'g2', false));
    await store.set(entry('c1', 'g1', false));
    expect((await store.get('c1'))?.settings.threads).toBe(false);
    const reloaded = await loadJsonlChannelSettings(file);
    expect((await reloaded.get('c1'))?.settings.threads).toBe(false);
    expect((await reloaded.list('g2')).map((e) => e.channelId)).toEqual(['c2']);
    expect(await reloaded.list()).toHaveLength(2);
  });

  it('skips torn and malformed lines instead of failing to start', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'storybot-settings-'));
    const file = path.join(dir, 'settings.jsonl');
    await appendFile(
      file,
      `${JSON.stringify(entry('c1', 'g1', true))}\n{"channelId":"c2","settings":{"mode":"loud"}}\n{"chan`,
    );
    const store = await loadJsonlChannelSettings(file);
    expect((await store.get('c1'))?.settings.threads).toBe(true);
    expect(await store.get('c2')).toBeUndefined();
    await store.set(entry('c3', 'g1', true));
    expect((await readFile(file, 'utf8')).split('\n').at(-2)).toContain('"c3"');
    expect(await (await loadJsonlChannelSettings(file)).get('c3')).toBeDefined();
  });
});

// As the composition root opens them.
const parse = (value: unknown) => (isChannelSettingsEntry(value) ? value : undefined);

describe('channel settings in the records database (as the bot runs them)', () => {
  it('keeps a change across a reopen and reads a row of the wrong shape as absent', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'storybot-settings-'));
    const logger = createLogger({ level: 'error', sink: { write: () => undefined } });
    const options = { varDir: dir, storeDmText: false, retentionDays: 0, logger };
    const first = await openRecords(options);
    const store = first.channelSettings(parse);
    await store.set(entry('c1', 'g1', true));
    await first.client.execute(
      `INSERT INTO channel_settings VALUES ('c2', '{"channelId":"c2","guildId":"g1","settings":{"mode":"loud"}}', '2026-01-01')`,
    );
    first.close();
    const second = await openRecords(options);
    try {
      const reopened = second.channelSettings(parse);
      expect((await reopened.get('c1'))?.settings.threads).toBe(true);
      expect(await reopened.get('c2')).toBeUndefined();
      expect((await reopened.list('g1')).map((e) => e.channelId)).toEqual(['c1']);
    } finally {
      second.close();
    }
  });
});
