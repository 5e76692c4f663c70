import type { ChannelKind } from '../storage/question-log.js';
import { createHash } from 'node:crypto';
import { createJsonlWriter, readJsonl } from '../storage/jsonl-file.js';

/** One vote on an answer, as stored (one JSON object per line). */
export interface FeedbackRecord {
  readonly time: string;
  readonly vote: 'up' | 'down';
  /** A salted hash of the voter's id: lets votes be de-duplicated without storing who voted. */
  readonly user: string;
  readonly question: string;
  readonly answer: string;
  readonly mode: string;
  readonly cited: readonly { readonly articleId: string; readonly paragraph: number }[];
}

/** A vote as a front end casts it; where it was cast decides whether a DM's text is kept (`STORE_DM_TEXT`). */
export type FeedbackInput = Omit<FeedbackRecord, 'time' | 'user'> & {
  readonly userId: string;
  readonly channelKind?: ChannelKind;
};

/** Where votes go. */
export interface FeedbackLog {
  record(input: FeedbackInput): Promise<void>;
}

export interface FeedbackLogOptions {
  /** The JSON-lines file, e.g. `${STORYBOT_VAR_DIR}/feedback.jsonl`; its folder is created. */
  readonly file: string;
  /** Mixed into user-id hashes so they cannot be matched to ids from elsewhere. */
  readonly salt?: string;
  readonly now?: () => Date;
}

/** Hashes a user id for the log (sha256 of salt and id, shortened). */
export function hashUserId(userId: string, salt = 'storybot-feedback'): string {
  return createHash('sha256').update(`${salt}:${userId}`).digest('hex').slice(0, 32);
}

/**
 * Creates the feedback log. Each vote is one `appendFile` of one complete line, so a crash
 * mid-write can at worst leave a torn last line, which {@link readFeedbackLog} skips.
 */
export function createFeedbackLog({ file, salt, now = () => new Date() }: FeedbackLogOptions): FeedbackLog {
  const writer = createJsonlWriter<FeedbackRecord>(file);
  return {
    record: ({ userId, ...rest }) =>
      writer.append({ time: now().toISOString(), user: hashUserId(userId, salt), ...rest }),
  };
}

/** Reads the log, skipping lines that do not parse (a torn last line after a crash). */
export function readFeedbackLog(file: string): Promise<FeedbackRecord[]> {
  return readJsonl<FeedbackRecord>(file);
}
