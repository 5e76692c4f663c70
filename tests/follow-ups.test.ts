import { describe, expect, it } from 'vitest';
import { followUpAt, paragraphTopics, suggestFollowUps } from '../src/answering/intents/follow-ups.js';
import { makeArticle } from './helpers/discord-fixtures.js';

const STORY = makeArticle([
  'The United States has halted plans to impose sanctions on the Ministry of State Security, officials said.',
  'For months, agencies warned about a campaign known as Salt Typhoon that reached the Army National Guard.',
  'However, the White House stepped in after a deal between President Donald Trump and President Xi Jinping in October.',
  'The paused package would have targeted contractors. Export controls were also put on hold.',
  'Analysts warn that delaying action could embolden the Ministry of State Security.',
]);

describe('follow-up questions', () => {
  it('finds the names a paragraph mentions, without titles, adjectives, months or sentence openers', () => {
    expect(paragraphTopics(STORY.paragraphs[2]!)).toEqual(['White House', 'Donald Trump', 'Xi Jinping']);
    expect(paragraphTopics(STORY.paragraphs[3]!)).toEqual([]);
  });

  it('suggests up to three questions from paragraphs near the cited ones, about names not already seen', () => {
    const suggested = suggestFollowUps(STORY, {
      cited: [2],
      seen: 'What is Salt Typhoon? It is a campaign.',
    });
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested.length).toBeLessThanOrEqual(3);
    expect(suggested.map((s) => s.paragraph)).not.toContain(2);
    // Nearest first: ¶1 and ¶3 before ¶4 and ¶5.
    expect(suggested[0]?.paragraph).toBeLessThanOrEqual(3);
    for (const s of suggested) {
      expect(s.question).toMatch(/^What about .+\?$/);
      expect(s.question).not.toMatch(/Salt Typhoon/);
      // The button id's (paragraph, topic) gives the same question back, even after a restart.
      expect(followUpAt(STORY, s.paragraph, s.topic)).toBe(s.question);
    }
    expect(new Set(suggested.map((s) => s.question)).size).toBe(suggested.length);
  });

  it('prefers a declined question’s near misses', () => {
    const [first] = suggestFollowUps(STORY, { cited: [], seen: 'capital of France?', prefer: [3] });
    expect(first?.paragraph).toBe(3);
  });

  it('rejects a topic index the paragraph does not have', () => {
    expect(followUpAt(STORY, 3, 99)).toBeUndefined();
    expect(followUpAt(STORY, 99, 0)).toBeUndefined();
  });
});
