import { createHash, randomBytes } from 'node:crypto';
import type { Client } from '@libsql/client';

/**
 * The installation's secret salt for hashing user ids, created at random on first use and kept
 * in the database: without it, a user id cannot be matched to that user's records.
 */
export async function loadInstallationSalt(client: Client): Promise<string> {
  await client.execute({
    sql: "INSERT OR IGNORE INTO installation (key, value) VALUES ('user_salt', ?)",
    args: [randomBytes(32).toString('hex')],
  });
  const result = await client.execute("SELECT value FROM installation WHERE key = 'user_salt'");
  const salt = result.rows[0]?.value;
  if (typeof salt !== 'string') throw new Error('the installation salt is missing');
  return salt;
}

/** Hashes a user id with the installation salt (sha256, shortened). */
export function hashWithSalt(userId: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${userId}`).digest('hex').slice(0, 32);
}
