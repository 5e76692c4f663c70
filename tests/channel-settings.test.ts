import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadJsonlChannelSettings } from '../src/storage/channel-settings-jsonl.js';
import type { ChannelSettingsEntry } from '../src/storage/channel-settings.js';

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
