import type { Row } from '@libsql/client';

/** A column read as text: strings as they are, numbers written out, anything else (NULL, blobs) as undefined. */
export function textOf(row: Row, column: string): string | undefined {
  const value = row[column];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

/** A column read as a number (NULL and non-numbers as 0). */
export function numberOf(row: Row, column: string): number {
  const value = Number(row[column]);
  return Number.isFinite(value) ? value : 0;
}
