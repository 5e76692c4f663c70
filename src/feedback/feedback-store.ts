import type { Client } from '@libsql/client';
import { hashWithSalt } from '../storage/installation-salt.js';
import type { FeedbackInput, FeedbackLog } from './feedback-log.js';

/** A vote, saying where it was cast (a DM's text is only kept with `STORE_DM_TEXT`). */
export type FeedbackVote = FeedbackInput;

export interface FeedbackStoreOptions {
  readonly client: Client;
  readonly salt: string;
  readonly storeDmText: boolean;
  readonly now?: () => Date;
}

/**
 * Votes in the records database. `record` rejects when the write fails, so the voter can be
 * told; the caller logs it.
 */
export function createFeedbackStore(options: FeedbackStoreOptions): FeedbackLog & {
  record(input: FeedbackVote): Promise<void>;
} {
  const { client, salt, storeDmText, now = () => new Date() } = options;
  return {
    async record(input: FeedbackVote) {
      const kind = input.channelKind;
      const keepText = kind !== 'dm' || storeDmText;
      await client.execute({
        sql: `INSERT INTO feedback (time, vote, user_hash, story, question, answer, mode, cited)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [
          now().toISOString(),
          input.vote,
          hashWithSalt(input.userId, salt),
          input.cited[0]?.articleId ?? null,
          keepText ? input.question : null,
          keepText ? input.answer : null,
          input.mode,
          JSON.stringify(input.cited),
        ],
      });
    },
  };
}
