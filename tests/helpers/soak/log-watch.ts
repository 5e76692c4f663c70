import type { LogSink } from '../../../src/logging/logger.js';

/** Something found in a log line that must never be there (the value itself is not kept). */
export interface Leak {
  readonly what: string;
  /** The log line's `msg`. */
  readonly msg: string;
}

/** Watches every log line as it is written: counts them and looks for secrets and user text. */
export interface LogWatch {
  readonly sink: LogSink;
  /** A value that must never appear in a line (a token, a key). */
  forbid(what: string, value: string): void;
  /** An interaction token handed to the bot (checked without scanning every token each line). */
  forbidToken(token: string): void;
  readonly leaks: readonly Leak[];
  readonly lineCount: number;
  /** Lines per level name (error, warn, ...). */
  readonly levels: Readonly<Record<string, number>>;
  /** Lines per `msg`, for checking that a case was logged. */
  readonly messages: Readonly<Record<string, number>>;
  /** Every line, when kept (tests), else empty. */
  readonly lines: readonly string[];
}

const LEVELS: Readonly<Record<number, string>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
/** The marker every soak question carries: `soakq<n>z` (slash/mention) or `soakdm<n>z` (DM text). */
export const QUESTION_MARKER = /soak(?:q|dm)\d+z/i;
const TOKEN_LIKE = /[A-Za-z0-9_-]{40,}/g;

/** Creates the watch; `keepLines` keeps every line (short runs) for assertions and debugging. */
export function createLogWatch({ keepLines = false }: { readonly keepLines?: boolean } = {}): LogWatch {
  const forbidden: { what: string; value: string }[] = [];
  const tokens = new Set<string>();
  const leaks: Leak[] = [];
  const levels: Record<string, number> = {};
  const messages: Record<string, number> = {};
  const lines: string[] = [];
  let lineCount = 0;

  const inspect = (line: string) => {
    let parsed: { level?: number; msg?: string } = {};
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      leaks.push({ what: 'a line that is not JSON', msg: '' });
    }
    const msg = parsed.msg ?? '';
    const level = LEVELS[parsed.level ?? 0] ?? 'unknown';
    levels[level] = (levels[level] ?? 0) + 1;
    messages[msg] = (messages[msg] ?? 0) + 1;
    for (const { what, value } of forbidden) if (line.includes(value)) leaks.push({ what, msg });
    if (QUESTION_MARKER.test(line)) leaks.push({ what: 'question or DM text', msg });
    for (const candidate of line.match(TOKEN_LIKE) ?? [])
      if (tokens.has(candidate)) leaks.push({ what: 'an interaction token', msg });
  };

  return {
    sink: {
      write(chunk: string) {
        for (const line of chunk.split('\n')) {
          if (line.trim() === '') continue;
          lineCount += 1;
          if (keepLines) lines.push(line);
          inspect(line);
        }
      },
    },
    forbid: (what, value) => void forbidden.push({ what, value }),
    forbidToken: (token) => void tokens.add(token),
    leaks,
    get lineCount() {
      return lineCount;
    },
    levels,
    messages,
    lines,
  };
}
