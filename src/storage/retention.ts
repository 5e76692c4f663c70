import type { Client } from '@libsql/client';

const TABLES = ['questions', 'feedback', 'usage'] as const;

/**
 * Deletes questions, votes and usage rows older than `days` days (`RETENTION_DAYS`; 0 keeps
 * everything). Returns the rows deleted per table.
 */
export async function applyRetention(
  client: Client,
  days: number,
  now: Date = new Date(),
): Promise<Record<string, number>> {
  if (days <= 0) return {};
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const results = await client.batch(
    TABLES.map((table) => ({ sql: `DELETE FROM ${table} WHERE time < ?`, args: [cutoff] })),
    'write',
  );
  return Object.fromEntries(TABLES.map((table, index) => [table, results[index]?.rowsAffected ?? 0]));
}
