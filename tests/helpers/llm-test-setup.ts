import { readFileSync } from 'node:fs';
import type { ChatRequest, ChatStreamChunk } from '../../src/domain/ports.js';
import type { OpenAiLlmOptions } from '../../src/llm/openai-llm.js';
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

/** Options for a chat client against a fake server, with a fresh log capture. */
export function testLlmOptions(
  baseURL: string,
  logger: Logger,
  overrides: Partial<OpenAiLlmOptions> = {},
): OpenAiLlmOptions {
  return {
    apiKey: TEST_API_KEY,
    baseURL,
    model: 'gpt-4.1-mini',
    timeoutMs: 5_000,
    maxRetries: 0,
    maxOutputTokens: 300,
    temperature: 0,
    jsonFormatPrompt: JSON_FORMAT_PROMPT,
    logger,
    ...overrides,
  };
}

/** Runs a stream to its end: the text deltas, the final chunk, or the error it failed with. */
export async function drain(
  stream: AsyncIterable<ChatStreamChunk>,
): Promise<{ deltas: string[]; done?: Extract<ChatStreamChunk, { type: 'done' }>; error?: unknown }> {
  const deltas: string[] = [];
  try {
    for await (const chunk of stream) {
      if (chunk.type === 'delta') deltas.push(chunk.text);
      else return { deltas, done: chunk };
    }
  } catch (error) {
    return { deltas, error };
  }
  return { deltas };
}
