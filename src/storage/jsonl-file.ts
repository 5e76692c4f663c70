import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Appends records to a JSON-lines file. */
export interface JsonlWriter<T> {
  append(record: T): Promise<void>;
  /** Appends several records in one write. */
  appendMany(records: readonly T[]): Promise<void>;
}

/** Whether the file's last byte is not a newline (a torn last line). Reads one byte, not the file. */
async function endsMidLine(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
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
    if (await endsMidLine(file)) await appendFile(file, '\n');
  })();
  const write = (records: readonly T[]) => {
    const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    const next = chain.then(() => appendFile(file, text, 'utf8'));
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    append: (record) => write([record]),
    appendMany: (records) => (records.length === 0 ? Promise.resolve() : write(records)),
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
