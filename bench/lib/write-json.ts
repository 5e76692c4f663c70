import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a value as pretty JSON, creating the folder. */
export async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
