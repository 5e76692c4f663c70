import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LogSink } from './logger.js';

/** The log file the console writes to, under the var folder. */
export const CONSOLE_LOG = 'storybot.log';

/**
 * Opens `<varDir>/storybot.log` for appending, as a log sink: while the console runs, log lines
 * go here instead of stderr, so they never interleave with the chat.
 */
export function openLogFile(varDir: string): { readonly sink: LogSink; readonly file: string } {
  mkdirSync(varDir, { recursive: true });
  const file = path.join(varDir, CONSOLE_LOG);
  const stream = createWriteStream(file, { flags: 'a' });
  // A log that cannot be written must not stop the chat.
  stream.on('error', () => undefined);
  return { sink: stream, file };
}
