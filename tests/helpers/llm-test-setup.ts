import { readFileSync } from 'node:fs';
import type { ChatRequest } from '../../src/domain/ports.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';

/** A key that matches no generic secret pattern, so only the clients' own care keeps it out of logs. */
export const TEST_API_KEY = 'test-key-7f3a9c1e5b2d4f6a8c0e91d3';

export const JSON_FORMAT_PROMPT = readFileSync(
  new URL('../../prompts/json-format.md', import.meta.url),
  'utf8',
);

/** A chat request whose texts carry markers, so tests can check they never reach the log. */
export const SAMPLE_REQUEST: ChatRequest = {
  system: 'SYSTEM-PROMPT-MARKER Answer from the passages only.',
  user: 'USER-QUESTION-MARKER What happened?',
  schema: {
    name: 'answer',
    schema: {
      type: 'object',
      properties: { answerable: { type: 'boolean' }, answer: { type: 'string' } },
      required: ['answerable', 'answer'],
      additionalProperties: false,
    },
  },
};

/** A debug-level logger whose lines are collected (no secrets given: redaction must not be relied on). */
export function captureLogs(): { logger: Logger; lines: string[]; text: () => string } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', sink: { write: (line: string) => lines.push(line) } });
  return { logger, lines, text: () => lines.join('\n') };
}
