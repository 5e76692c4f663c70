import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client, InStatement } from '@libsql/client';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';

const time = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a time');
const tokens = z.number().int().nonnegative();
const usageLine = z.object({
  time,
  model: z.string().min(1),
  promptTokens: tokens,
  completionTokens: tokens,
});
const cited = z.array(z.object({ articleId: z.string(), paragraph: z.number().int() }));
const feedbackLine = z.object({
  time,
  vote: z.enum(['up', 'down']),
  user: z.string().min(1),
  question: z.string(),
  answer: z.string(),
  mode: z.string(),
  cited: cited.catch([]),
});

/** What one import did. */
export interface ImportResult {
  readonly file: string;
  readonly imported: number;
  readonly skipped: number;
}

/**
 * Imports the JSON-lines logs of earlier versions (`usage.jsonl`, `feedback.jsonl` in the var
 * folder) once each. Damaged or unexpected lines are skipped and counted, never fatal. The files
 * are left in place; the `imports` table remembers they were read.
 */
export async function importJsonlOnce(
  client: Client,
  varDir: string,
  logger: Logger,
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const [name, toStatement] of [
    ['usage.jsonl', usageStatement],
    ['feedback.jsonl', feedbackStatement],
  ] as const) {
    const done = await client.execute({ sql: 'SELECT 1 FROM imports WHERE file = ?', args: [name] });
    if (done.rows.length > 0) continue;
    const text = await readFile(path.join(varDir, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const statements: InStatement[] = [];
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const statement = parseLine(line, toStatement);
      if (statement) statements.push(statement);
      else skipped += 1;
    }
    statements.push({
      sql: 'INSERT INTO imports (file, time, imported, skipped) VALUES (?, ?, ?, ?)',
      args: [name, new Date().toISOString(), statements.length, skipped],
    });
    await client.batch(statements, 'write');
    const result = { file: name, imported: statements.length - 1, skipped };
    if (skipped > 0) logger.warn(result, 'skipped damaged lines while importing an old log');
    else logger.info(result, 'imported an old log into the records database');
    results.push(result);
  }
  return results;
}

function parseLine(line: string, toStatement: (value: unknown) => InStatement | undefined) {
  try {
    return toStatement(JSON.parse(line));
  } catch {
    return undefined;
  }
}

function usageStatement(value: unknown): InStatement | undefined {
  const parsed = usageLine.safeParse(value);
  if (!parsed.success) return undefined;
  const { time: at, model, promptTokens, completionTokens } = parsed.data;
  return {
    sql: 'INSERT INTO usage (time, model, prompt_tokens, completion_tokens) VALUES (?, ?, ?, ?)',
    args: [new Date(at).toISOString(), model, promptTokens, completionTokens],
  };
}

function feedbackStatement(value: unknown): InStatement | undefined {
  const parsed = feedbackLine.safeParse(value);
  if (!parsed.success) return undefined;
  const row = parsed.data;
  return {
    sql: `INSERT INTO feedback (time, vote, user_hash, story, question, answer, mode, cited)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      new Date(row.time).toISOString(),
      row.vote,
      row.user,
      row.cited[0]?.articleId ?? null,
      row.question,
      row.answer,
      row.mode,
      JSON.stringify(row.cited),
    ],
  };
}
