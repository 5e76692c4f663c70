import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedbackLog, hashUserId, readFeedbackLog } from '../src/feedback/feedback-log.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-feedback-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const vote = (userId: string, value: 'up' | 'down') => ({
  vote: value,
  userId,
  question: 'What happened?',
  answer: 'It reopened [1].',
  mode: 'llm',
  cited: [{ articleId: 'a', paragraph: 1 }],
});

describe('feedback log', () => {
  it('appends one JSON line per vote, creating its folder, with the user id hashed', async () => {
    const file = path.join(dir, 'var', 'feedback.jsonl');
    const log = createFeedbackLog({ file, now: () => new Date('2024-03-04T10:00:00Z') });
    await log.record(vote('123456789012345678', 'up'));
    await log.record(vote('223456789012345678', 'down'));
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(text).not.toContain('123456789012345678');
    expect(await readFeedbackLog(file)).toEqual([
      {
        time: '2024-03-04T10:00:00.000Z',
        user: hashUserId('123456789012345678'),
        ...withoutUser(vote('', 'up')),
      },
      {
        time: '2024-03-04T10:00:00.000Z',
        user: hashUserId('223456789012345678'),
        ...withoutUser(vote('', 'down')),
      },
    ]);
  });

  it('skips a torn last line left by a crash, and reads a missing file as empty', async () => {
    const file = path.join(dir, 'feedback.jsonl');
    await createFeedbackLog({ file }).record(vote('1', 'up'));
    await appendFile(file, '{"time":"2024-03-04T10:00:00.000Z","vote":"do');
    expect(await readFeedbackLog(file)).toHaveLength(1);
    expect(await readFeedbackLog(path.join(dir, 'missing.jsonl'))).toEqual([]);
  });

  it('hashes with a salt so ids cannot be matched across installs', () => {
    expect(hashUserId('1', 'a')).not.toBe(hashUserId('1', 'b'));
    expect(hashUserId('1')).toMatch(/^[0-9a-f]{32}$/);
  });
});

function withoutUser({ userId: _userId, ...rest }: ReturnType<typeof vote>) {
  return rest;
}
