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

/** A bounded in-memory map from answer message id to its context; the oldest go first. */
export function createAnswerMemory({ max = 1000 }: { readonly max?: number } = {}): AnswerMemory {
  const entries = new Map<string, RememberedAnswer>();
  return {
    remember(messageId, entry) {
      entries.delete(messageId);
      entries.set(messageId, { ...entry, voters: new Set() });
      while (entries.size > max) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    recall: (messageId) => entries.get(messageId),
  };
}
