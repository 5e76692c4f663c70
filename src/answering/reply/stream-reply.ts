import type { ChatResult, ChatStreamChunk } from '../../domain/ports.js';
import type { Usage } from '../../domain/types.js';
import { createClaimStreamParser } from './claim-stream.js';

/** A streamed reply once it is over: the same parts `chat` returns. */
export type StreamedReply = Pick<ChatResult, 'content' | 'usage' | 'truncated'>;

const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0 };

/**
 * Consumes a streamed reply, handing each claim object to `onClaim` as soon as the incremental
 * parser completes it (raw and unverified), and returns the whole reply for the final reading.
 */
export async function consumeStream(
  stream: AsyncIterable<ChatStreamChunk>,
  onClaim: (raw: unknown) => void,
): Promise<StreamedReply> {
  const parser = createClaimStreamParser();
  let usage = NO_USAGE;
  let finishReason: string | undefined;
  // Claims are handed on one chunk late: a server that cannot stream sends the whole reply as one
  // piece, and then nothing is handed on early (its answer arrives whole, as one 'done').
  let held: unknown[] = [];
  let streamed = true;
  for await (const chunk of stream) {
    if (chunk.type === 'delta') {
      held.forEach(onClaim);
      held = [...parser.push(chunk.text)];
    } else {
      usage = chunk.usage;
      finishReason = chunk.finishReason;
      streamed = chunk.streamed !== false;
    }
  }
  const truncated = finishReason === 'length';
  const end = parser.end({ truncated });
  if (streamed) [...held, ...end.claims].forEach(onClaim);
  return { content: end.text, usage, ...(truncated && { truncated }) };
}
