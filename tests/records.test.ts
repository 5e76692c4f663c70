import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedbackStore } from '../src/feedback/feedback-store.js';
import { createLogger } from '../src/logging/logger.js';
import { migrate } from '../src/storage/database.js';
import { openRecords, type Records } from '../src/storage/records.js';
import { startFakeOpenAi } from './helpers/fake-openai.js';
import { createQuotingModel } from './helpers/quoting-model.js';
import { runStorybot } from './helpers/spawn-cli.js';

let dir: string;
let lines: string[];
const open: Records[] = [];
const logger = () => createLogger({ level: 'info', sink: { write: (line: string) => lines.push(line) } });

async function records(overrides: Partial<Parameters<typeof openRecords>[0]> = {}): Promise<Records> {
  const opened = await openRecords({
    varDir: dir,
    storeDmText: false,
    retentionDays: 0,
    logger: logger(),
    ...overrides,
  });
  open.push(opened);
  return opened;
}

const rows = async (db: Records, sql: string) => (await db.client.execute(sql)).rows;

const entry = (question: string, channelKind: 'dm' | 'server' | 'cli') => ({
  channelKind,
  question,
  userId: '123456789012345678',
  story: 'a',
  mode: 'llm' as const,
  cited: [{ articleId: 'a', paragraph: 2 }],
  claimsKept: 2,
  claimsRemoved: 1,
  removedReasons: ['quote not found in ¶4'],
  latencyMs: 812,
  model: 'gpt-test',
  promptTokens: 900,
  completionTokens: 80,
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-records-'));
  lines = [];
});

afterEach(async () => {
  for (const db of open.splice(0)) db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('records database', () => {
  it('creates storybot.db with numbered migrations, applied once', async () => {
    const db = await records();
    expect(db.location).toBe(path.join(dir, 'storybot.db'));
    const applied = await rows(db, 'SELECT version, name FROM schema_migrations');
    expect(applied.map((row) => row.version)).toEqual([1, 2]);
    expect(await migrate(db.client, [{ version: 1, name: 'records', statements: [] }])).toEqual([]);
    const next = await migrate(db.client, [
      { version: 3, name: 'extra', statements: ['CREATE TABLE extra (x INTEGER)'] },
    ]);
    expect(next).toEqual([3]);
  });

  it('keeps one random salt per installation, so user hashes differ between installations', async () => {
    const first = await records();
    const again = await records();
    expect(again.salt).toBe(first.salt);
    expect(first.salt).toMatch(/^[0-9a-f]{64}$/);
    await createFeedbackStore(first).record({
      vote: 'down',
      userId: '42',
      question: 'q',
      answer: 'a',
      mode: 'llm',
      cited: [],
    });
    const hash = (await rows(first, 'SELECT user_hash FROM feedback'))[0]?.user_hash;
    const elsewhere = dir;
    dir = await mkdtemp(path.join(tmpdir(), 'storybot-records-'));
    const other = await records();
    await createFeedbackStore(other).record({
      vote: 'down',
      userId: '42',
      question: 'q',
      answer: 'a',
      mode: 'llm',
      cited: [],
    });
    expect((await rows(other, 'SELECT user_hash FROM feedback'))[0]?.user_hash).not.toBe(hash);
    await rm(elsewhere, { recursive: true, force: true });
  });

  it('logs questions with their figures, but not the text of DMs unless STORE_DM_TEXT is set', async () => {
    const db = await records();
    await db.questions.record(entry('Who drafted it?', 'server'));
    await db.questions.record(entry('A private question', 'dm'));
    const logged = await rows(db, 'SELECT * FROM questions ORDER BY id');
    expect(logged.map((row) => row.question)).toEqual(['Who drafted it?', null]);
    expect(logged[1]).toMatchObject({ channel_kind: 'dm', mode: 'llm', claims_kept: 2, claims_removed: 1 });
    expect(logged[0]).toMatchObject({ latency_ms: 812, prompt_tokens: 900, completion_tokens: 80 });
    expect(logged[0]?.user_hash).not.toContain('123456789012345678');
    const keeping = await records({ storeDmText: true });
    await keeping.questions.record(entry('A private question', 'dm'));
    expect(
      (await rows(keeping, 'SELECT question FROM questions ORDER BY id DESC LIMIT 1'))[0]?.question,
    ).toBe('A private question');
  });

  it('keeps no text of a vote cast in a DM (the asker the front end runs it as)', async () => {
    const db = await records();
    const vote = {
      vote: 'down' as const,
      userId: '7',
      question: 'Secret?',
      answer: 'a',
      mode: 'llm',
      cited: [],
    };
    await createFeedbackStore(db).record({ ...vote, channelKind: 'dm' });
    await createFeedbackStore(db).record({ ...vote, channelKind: 'server' });
    expect((await rows(db, 'SELECT question FROM feedback ORDER BY id')).map((row) => row.question)).toEqual([
      null,
      'Secret?',
    ]);
  });

  it('imports the old JSON-lines logs once, skipping damaged lines', async () => {
    await writeFile(
      path.join(dir, 'usage.jsonl'),
      [
        '{"model":"m"}',
        '{"time":"2026-11-30T10:00:00Z","model":"gpt","promptTokens":5,"completionTokens":7}',
        '{"time":"2026-11-30T10:',
        '',
      ].join('\n'),
    );
    await writeFile(
      path.join(dir, 'feedback.jsonl'),
      '{"time":"2026-11-30T11:00:00Z","vote":"down","user":"abc","question":"q?","answer":"a","mode":"llm","cited":[{"articleId":"s","paragraph":3}]}\n',
    );
    const db = await records();
    expect(await rows(db, 'SELECT model, prompt_tokens FROM usage')).toEqual([
      expect.objectContaining({ model: 'gpt', prompt_tokens: 5 }),
    ]);
    expect(await rows(db, 'SELECT story, vote FROM feedback')).toEqual([
      expect.objectContaining({ story: 's', vote: 'down' }),
    ]);
    expect(lines.join('')).toContain('skipped damaged lines');
    await records();
    expect(await rows(db, 'SELECT COUNT(*) AS n FROM usage')).toEqual([expect.objectContaining({ n: 1 })]);
  });

  it('writes through the WAL with synchronous=NORMAL (no fsync per recorded question)', async () => {
    const db = await records();
    expect(await rows(db, 'PRAGMA journal_mode')).toEqual([expect.objectContaining({ journal_mode: 'wal' })]);
    // 1 is NORMAL (2 would be FULL, the default).
    expect(await rows(db, 'PRAGMA synchronous')).toEqual([expect.objectContaining({ synchronous: 1 })]);
  });

  it('deletes rows older than the retention setting in the background after opening', async () => {
    const db = await records();
    await db.usage.append({
      time: '2000-01-01T00:00:00.000Z',
      model: 'm',
      promptTokens: 1,
      completionTokens: 1,
    });
    await db.usage.append({
      time: new Date().toISOString(),
      model: 'm',
      promptTokens: 1,
      completionTokens: 1,
    });
    await (
      await records({ retentionDays: 30 })
    ).retained;
    expect(await rows(db, 'SELECT COUNT(*) AS n FROM usage')).toEqual([expect.objectContaining({ n: 1 })]);
  });

  it('logs a failed write instead of swallowing it', async () => {
    const db = await records();
    db.close();
    await db.questions.record(entry('Who?', 'cli'));
    await db.usage.append({
      time: new Date().toISOString(),
      model: 'm',
      promptTokens: 1,
      completionTokens: 1,
    });
    const errors = lines.filter((line) => line.includes('could not write to the records database'));
    expect(errors).toHaveLength(2);
    expect(errors.join('')).not.toContain('Who?');
  });

  it('stores channel settings entries, lists them per guild, and reads a damaged row as absent', async () => {
    interface Entry {
      channelId: string;
      guildId: string;
      settings: { story?: string };
    }
    const db = await records();
    const store = db.channelSettings((value) =>
      typeof value === 'object' && value !== null && 'settings' in value ? (value as Entry) : undefined,
    );
    await store.set({ channelId: '111', guildId: 'g1', settings: { story: 'a' } });
    await store.set({ channelId: '111', guildId: 'g1', settings: { story: 'b' } });
    await store.set({ channelId: '333', guildId: 'g2', settings: {} });
    await db.client.execute("INSERT INTO channel_settings VALUES ('222', '{oops', '2026-01-01')");
    expect(await store.get('111')).toEqual({ channelId: '111', guildId: 'g1', settings: { story: 'b' } });
    expect(await store.get('222')).toBeUndefined();
    expect((await store.list('g1')).map((entry) => entry.channelId)).toEqual(['111']);
    expect(await store.list()).toHaveLength(2);
  });
});

describe('start-up with damaged records', () => {
  it('answers with a model even when usage.jsonl holds a line like {"model":"m"}, and records the usage', async () => {
    const fake = await startFakeOpenAi({ chat: createQuotingModel() });
    try {
      await writeFile(path.join(dir, 'usage.jsonl'), '{"model":"m"}\n{"time":5}\nnot json\n');
      const env = {
        STORYBOT_VAR_DIR: dir,
        OPENAI_API_KEY: 'sk-records-test',
        OPENAI_BASE_URL: fake.baseURL,
        GROUNDING_CHECK: 'code',
      };
      const run = await runStorybot(['ask', 'What is Salt Typhoon?'], { env });
      expect(run.stderr).not.toContain('could not start');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('¶');
      const db = await records();
      const [usage] = await rows(db, 'SELECT prompt_tokens FROM usage');
      expect(Number(usage?.prompt_tokens)).toBeGreaterThan(0);
      expect(await rows(db, 'SELECT channel_kind, mode FROM questions')).toEqual([
        expect.objectContaining({ channel_kind: 'cli', mode: 'llm' }),
      ]);
    } finally {
      await fake.close();
    }
  });
});
