import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { chatCompletion, requestId, type FakeChatBody, type FakeChatSuccess } from './fake-openai-replies.js';

/** How the fake answers `stream: true`, and how fast. */
export interface FakeStreamRules {
  /**
   * `sse` (default) streams like OpenAI; `ignore` answers a plain `chat.completion` JSON body, as
   * servers without streaming do (`streamRejected` makes the server answer 400 instead).
   */
  readonly streaming?: 'sse' | 'ignore';
  /** Delay before the first content chunk (time to first token). */
  readonly timeToFirstTokenMs?: number;
  /** Content chunks per second after the first; unlimited when absent. */
  readonly tokensPerSecond?: number;
}

/** Whether a chat body asks for a stream. */
export function wantsStream(body: FakeChatBody): boolean {
  return body.stream === true;
}

/** Splits a reply into token-sized pieces (a word and its space, long words cut), as models stream. */
export function tokenPieces(text: string): string[] {
  return (text.match(/\s*\S{1,6}|\s+/g) ?? []).filter((piece) => piece !== '');
}

type Wait = (ms: number) => Promise<void>;

/**
 * Streams a reply as OpenAI's server-sent events: a first chunk with the role, one chunk per token
 * (`delta.content`, or `delta.refusal` for a refusal), a last chunk with `finish_reason`, then, when
 * `stream_options.include_usage` is set, a usage chunk with empty `choices`, and `data: [DONE]`.
 * `dropAfterChunks` drops the connection after that many content chunks.
 */
export async function streamReply(
  res: ServerResponse,
  body: FakeChatBody,
  reply: FakeChatSuccess & { readonly dropAfterChunks?: number },
  rules: FakeStreamRules,
  wait: Wait,
): Promise<void> {
  const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
  const whole = chatCompletion(body, reply) as { usage?: unknown };
  const base = {
    id: `chatcmpl-${randomBytes(12).toString('base64url')}`,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    service_tier: 'default',
    system_fingerprint: 'fp_fake0001',
  };
  const chunk = (choices: unknown[], usage?: unknown) =>
    `data: ${JSON.stringify({ ...base, choices, ...(includeUsage ? { usage: usage ?? null } : {}) })}\n\n`;
  const choice = (delta: Record<string, unknown>, finish: string | null = null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finish,
  });
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-request-id': requestId(),
  });
  res.write(chunk([choice({ role: 'assistant', content: '', refusal: null })]));
  const field = reply.content === null && reply.refusal ? 'refusal' : 'content';
  const pieces = tokenPieces(reply.content ?? reply.refusal ?? '');
  await wait(rules.timeToFirstTokenMs ?? 0);
  for (const [index, piece] of pieces.entries()) {
    if (res.destroyed) return;
    if (index === reply.dropAfterChunks) {
      // Lets the chunks already written reach the client before the connection drops.
      await wait(20);
      return void res.socket?.destroy();
    }
    if (index > 0 && rules.tokensPerSecond) await wait(1000 / rules.tokensPerSecond);
    res.write(chunk([choice({ [field]: piece })]));
  }
  if (res.destroyed) return;
  res.write(chunk([choice({}, reply.finishReason ?? 'stop')]));
  if (includeUsage && whole.usage) res.write(chunk([], whole.usage));
  res.end('data: [DONE]\n\n');
}
