import { splitSentences } from '../../src/text/sentences.js';
import type { FakeChatBody } from './fake-openai.js';
import { tokenPieces } from './fake-openai-stream.js';
import { readPrompt } from './quoting-model.js';

/** A model reply of up to `count` claims, each quoting a whole sentence of one passage it was sent. */
export interface ClaimsReply {
  readonly claims: readonly { quotes: { source: number; quote: string }[]; text: string }[];
  /** The reply as the model writes it. */
  readonly content: string;
  /** The reply in the pieces the fake streams it in, one a chunk. */
  readonly pieces: readonly string[];
  /** The index of the piece where claim `n` (0-based) begins: `dropAfterChunks` counts in pieces. */
  pieceAt(n: number): number;
}

/** Writes the reply a careful model would, from the passages in the request: a claim a passage. */
export function claimsReply(body: FakeChatBody, count = 4): ClaimsReply {
  const claims = readPrompt(body)
    .passages.map((passage) => ({ passage, sentence: splitSentences(passage.text)[0] ?? '' }))
    .filter(({ sentence }) => sentence.split(' ').length >= 8)
    .slice(0, count)
    .map(({ passage, sentence }) => ({
      quotes: [{ source: passage.number, quote: sentence }],
      text: sentence,
    }));
  const content = JSON.stringify({ answerable: true, claims, not_covered: null });
  const pieces = tokenPieces(content);
  return {
    claims,
    content,
    pieces,
    pieceAt(n) {
      const start = content.indexOf(JSON.stringify(claims[n]));
      let length = 0;
      let index = 0;
      while (length < start && index < pieces.length) length += pieces[index++]?.length ?? 0;
      return index;
    },
  };
}

/** What the model was sent, joined as the client counts it when the server tells no usage. */
export const promptOf = (body: FakeChatBody): string =>
  body.messages.map((message) => String(message.content)).join('\n');
