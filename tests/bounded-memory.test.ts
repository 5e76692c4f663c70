import { describe, expect, it } from 'vitest';
import { createConversationStore } from '../src/answering/conversation-store.js';
import { createSeen } from '../src/discord/runtime/seen.js';

const turn = (question: string) => ({ question, answer: `re: ${question}` });

describe('conversation store', () => {
  it('keeps the last maxTurns turns and forgets a conversation idle longer than maxAgeMs', () => {
    let now = 1_000_000;
    const store = createConversationStore({ maxTurns: 2, maxAgeMs: 60_000, now: () => now });
    for (const q of ['a', 'b', 'c']) store.record('dm', turn(q));
    expect(store.history('dm').map((t) => t.question)).toEqual(['b', 'c']);
    now += 60_000;
    expect(store.history('dm')).toHaveLength(2);
    now += 1;
    expect(store.history('dm')).toEqual([]);
    store.record('dm', turn('d'));
    expect(store.history('dm').map((t) => t.question)).toEqual(['d']);
  });

  it('drops the least recently used conversation beyond maxConversations, and clears on demand', () => {
    const store = createConversationStore({ maxTurns: 3, maxAgeMs: 60_000, maxConversations: 2 });
    store.record('x', turn('1'));
    store.record('y', turn('2'));
    store.record('x', turn('3'));
    store.record('z', turn('4'));
    expect(store.size).toBe(2);
    expect(store.history('y')).toEqual([]);
    expect(store.history('x')).toHaveLength(2);
    store.clear('x');
    expect(store.history('x')).toEqual([]);
  });

  it('records nothing when maxTurns is 0', () => {
    const store = createConversationStore({ maxTurns: 0, maxAgeMs: 60_000 });
    store.record('dm', turn('a'));
    expect(store.size).toBe(0);
  });
});

describe('seen ids and remembered answers', () => {
  it('reports an id as first once, and forgets the oldest beyond its bound', () => {
    const seen = createSeen(2);
    expect(seen.first('a')).toBe(true);
    expect(seen.first('a')).toBe(false);
    seen.first('b');
    seen.first('c');
    expect(seen.first('a')).toBe(true);
  });
});
