import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Appends records to a JSON-lines file. */
export interface JsonlWriter<T> {
  append(record: T): Promise<void>;
}

/**
 * Creates an appender whose every record is one `appendFile` of one complete line. A crash
 * mid-write can at worst tear the last line: the next append starts on a fresh line, so the
 * torn one stays alone (and {@link readJsonl} skips it) instead of swallowing the next record.
 * Appends are serialised so lines never interleave.
 */
export function createJsonlWriter<T>(file: string): JsonlWriter<T> {
  let chain: Promise<unknown> = (async () => {
    await mkdir(path.dirname(file), { recursive: true });
    const existing = await readFile(file, 'utf8').catch(() => '');
    if (existing !== '' && !existing.endsWith('\n')) await appendFile(file, '\n');
  })();
  return {
    append(record) {
      const line = `${JSON.stringify(record)}\n`;
      const next = chain.then(() => appendFile(file, line, 'utf8'));
      chain = next.catch(() => undefined);
      return next;
    },
  };
}

/** Reads a JSON-lines file, skipping blank and damaged lines; a missing file reads as empty. */
export async function readJsonl<T>(file: string): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text.split('\n').flatMap((line) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as T];
    } catch {
      return [];
    }
  });
}
