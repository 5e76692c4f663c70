import { LRUCache } from 'lru-cache';
import type { Answer } from '../domain/types.js';

/** What the buttons under an answer need: the answer and who has voted on it. */
export interface RememberedAnswer {
  readonly question: string;
  readonly answer: Answer;
  /** Users (by id) who voted, so each votes once. */
  readonly voters: Set<string>;
}

export interface AnswerMemory {
  remember(messageId: string, entry: Omit<RememberedAnswer, 'voters'>): void;
  recall(messageId: string): RememberedAnswer | undefined;
}

/** A bounded in-memory map from answer message id to its context; the least recently used go first. */
export function createAnswerMemory({ max = 1000 }: { readonly max?: number } = {}): AnswerMemory {
  const entries = new LRUCache<string, RememberedAnswer>({ max });
  return {
    remember: (messageId, entry) => void entries.set(messageId, { ...entry, voters: new Set() }),
    recall: (messageId) => entries.get(messageId),
  };
}
