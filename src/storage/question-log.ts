import { AsyncLocalStorage } from 'node:async_hooks';
import type { Client } from '@libsql/client';
import type { Logger } from '../logging/logger.js';
import { hashWithSalt } from './installation-salt.js';

/** Where a question came from. */
export type ChannelKind = 'dm' | 'server' | 'console' | 'cli';

/** Who asked, for the questions log. */
export interface Asker {
  readonly channelKind: ChannelKind;
  readonly userId?: string;
}

/**
 * Who is being served right now: a front end runs each question or button press inside
 * `currentAsker.run(asker, ...)`, so the questions log and votes know where they came from
 * without every layer passing it on.
 */
export const currentAsker = new AsyncLocalStorage<Asker>();

/** How a question ended: the answer's mode, or `failed` when no answer could be given. */
export type QuestionOutcome = 'llm' | 'extractive' | 'declined' | 'reply' | 'failed';

/** One question as the front end saw it. The log decides what of it is kept. */
export interface QuestionEntry {
  readonly channelKind: ChannelKind;
  readonly question: string;
  readonly userId?: string;
  readonly story?: string;
  readonly intent?: string;
  readonly mode: QuestionOutcome;
  readonly cited: readonly { readonly articleId: string; readonly paragraph: number }[];
  readonly claimsKept: number;
  readonly claimsRemoved: number;
  /** Why grounding removed claims or failed quotes, as the answerer reported them. */
  readonly removedReasons: readonly string[];
  readonly latencyMs: number;
  readonly model?: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** A short error code for failed questions (never the question text). */
  readonly error?: string;
}

/** The questions log. `record` never rejects: a failed write is logged as an error. */
export interface QuestionLog {
  record(entry: QuestionEntry): Promise<void>;
}

export interface QuestionLogOptions {
  readonly client: Client;
  readonly salt: string;
  /** Keep the text of questions asked in direct messages (`STORE_DM_TEXT`); off by default. */
  readonly storeDmText: boolean;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** Creates the questions log over the records database. */
export function createQuestionLog(options: QuestionLogOptions): QuestionLog {
  const { client, salt, storeDmText, logger, now = () => new Date() } = options;
  return {
    async record(entry) {
      const text = entry.channelKind === 'dm' && !storeDmText ? null : entry.question;
      try {
        await client.execute({
          sql: `INSERT INTO questions (time, story, channel_kind, user_hash, question, intent, mode, cited,
                  claims_kept, claims_removed, removed_reasons, latency_ms, model, prompt_tokens,
                  completion_tokens, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          args: [
            now().toISOString(),
            entry.story ?? null,
            entry.channelKind,
            entry.userId === undefined ? null : hashWithSalt(entry.userId, salt),
            text,
            entry.intent ?? null,
            entry.mode,
            JSON.stringify(entry.cited),
            entry.claimsKept,
            entry.claimsRemoved,
            JSON.stringify(entry.removedReasons),
            Math.round(entry.latencyMs),
            entry.model ?? null,
            entry.promptTokens,
            entry.completionTokens,
            entry.error ?? null,
          ],
        });
      } catch (error) {
        logger.error({ err: error, table: 'questions' }, 'could not write to the records database');
      }
    },
  };
}
