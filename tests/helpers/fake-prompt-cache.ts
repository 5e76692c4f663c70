import { countTokens, encodeChat } from 'gpt-tokenizer/model/gpt-4.1-mini';

/** Tokens of a reply's text (o200k), for the usage block when the fake counts tokens. */
export const replyTokens = (text: string): number => countTokens(text);

/** OpenAI's prompt-caching rule, as the fake applies it. */
export interface FakePromptCacheOptions {
  /** Shortest prefix that is cached (OpenAI: 1,024 tokens). */
  readonly minTokens?: number;
  /** Cached prefixes grow in steps of this many tokens past the minimum (OpenAI: 128). */
  readonly stepTokens?: number;
  /** How many recent requests a new one is compared with. */
  readonly recent?: number;
}

/** How long the fake takes to its first token: a fixed part plus a part per prompt token it must compute. */
export interface FakeTimeToFirstToken {
  readonly baseMs: number;
  readonly perUncachedTokenMs: number;
}

/** What the fake's cache made of one chat request. */
export interface FakeCacheEntry {
  readonly promptTokens: number;
  readonly cachedTokens: number;
  /** The delay before the reply (0 without {@link FakeTimeToFirstToken}). */
  readonly ttftMs: number;
}

function sharedPrefix(a: readonly number[], b: readonly number[]): number {
  const end = Math.min(a.length, b.length);
  let i = 0;
  while (i < end && a[i] === b[i]) i += 1;
  return i;
}

/**
 * A model server's prompt cache: each request's chat tokens (o200k, gpt-tokenizer) are compared with
 * the recent requests', and the longest shared prefix counts as cached once it reaches `minTokens`,
 * rounded down to `minTokens + n × stepTokens`, the way OpenAI reports `cached_tokens`.
 */
export function createFakePromptCache(
  options: FakePromptCacheOptions = {},
  ttft?: FakeTimeToFirstToken,
): { measure(messages: readonly { role: string; content: string }[]): FakeCacheEntry } {
  const { minTokens = 1024, stepTokens = 128, recent = 32 } = options;
  const seen: number[][] = [];
  return {
    measure(messages) {
      const chat = messages.map(({ role, content }) => ({
        role: role as 'system' | 'user' | 'assistant',
        content,
      }));
      const tokens = encodeChat(chat, 'gpt-4.1-mini');
      const longest = Math.max(0, ...seen.map((earlier) => sharedPrefix(earlier, tokens)));
      const cachedTokens =
        longest < minTokens ? 0 : minTokens + Math.floor((longest - minTokens) / stepTokens) * stepTokens;
      seen.push(tokens);
      if (seen.length > recent) seen.shift();
      const uncached = tokens.length - cachedTokens;
      const ttftMs = ttft ? ttft.baseMs + uncached * ttft.perUncachedTokenMs : 0;
      return { promptTokens: tokens.length, cachedTokens, ttftMs };
    },
  };
}
