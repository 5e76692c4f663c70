import type { Client } from '@libsql/client';
import type { Logger } from '../logging/logger.js';
import { numberOf, textOf } from './row-values.js';

/** One model call's tokens (the token budget's `UsageRecord`). */
export interface UsageRecord {
  readonly time: string;
  readonly model: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** Model-token usage in the records database: the token budget's log and its memory across restarts. */
export interface UsageStore {
  /** Never rejects: a failed write is logged as an error. */
  append(record: UsageRecord): Promise<void>;
  appendMany(records: readonly UsageRecord[]): Promise<void>;
  /** The records of one UTC day (YYYY-MM-DD). */
  readDay(day: string): Promise<UsageRecord[]>;
}

/** Creates the usage store. */
export function createUsageStore({ client, logger }: { client: Client; logger: Logger }): UsageStore {
  const appendMany = async (records: readonly UsageRecord[]) => {
    if (records.length === 0) return;
    try {
      await client.batch(
        records.map((record) => ({
          sql: 'INSERT INTO usage (time, model, prompt_tokens, completion_tokens) VALUES (?, ?, ?, ?)',
          args: [record.time, record.model, record.promptTokens, record.completionTokens],
        })),
        'write',
      );
    } catch (error) {
      logger.error({ err: error, table: 'usage' }, 'could not write to the records database');
    }
  };
  return {
    append: (record) => appendMany([record]),
    appendMany,
    async readDay(day) {
      const result = await client.execute({
        sql: 'SELECT time, model, prompt_tokens, completion_tokens FROM usage WHERE time >= ? AND time < ?',
        args: [day, `${day}\uffff`],
      });
      return result.rows.map((row) => ({
        time: textOf(row, 'time') ?? '',
        model: textOf(row, 'model') ?? '',
        promptTokens: numberOf(row, 'prompt_tokens'),
        completionTokens: numberOf(row, 'completion_tokens'),
      }));
    },
  };
}
