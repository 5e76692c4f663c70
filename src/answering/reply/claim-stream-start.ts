const THINK_OPEN = '<think>';
const THINK_CLOSE = '</think>';

/** Finds where a reply's JSON object begins, letting through only the text from its `{` on. */
export interface JsonStart {
  /** Takes the next piece of the reply; returns the part of it that belongs to the JSON (maybe ''). */
  push(piece: string): string;
}

/**
 * Creates a finder for one reply. Before the object it skips whitespace, prose, a ```json fence and a
 * `<think>…</think>` block (braces inside the block are the model's thinking, not the answer). A lone
 * `</think>` (templates that open the block themselves) discards everything before it.
 */
export function createJsonStart(): JsonStart {
  let buffer = '';
  let found = false;
  return {
    push(piece) {
      if (found) return piece;
      buffer += piece;
      for (;;) {
        const close = buffer.indexOf(THINK_CLOSE);
        const brace = buffer.indexOf('{');
        const open = buffer.indexOf(THINK_OPEN);
        if (close !== -1 && (brace === -1 || close < brace || (open !== -1 && open < brace))) {
          buffer = buffer.slice(close + THINK_CLOSE.length);
          continue;
        }
        // Inside an unclosed think block, or possibly at its first characters: wait for more.
        if (open !== -1 && (brace === -1 || open < brace)) return '';
        if (brace === -1) return '';
        found = true;
        const json = buffer.slice(brace);
        buffer = '';
        return json;
      }
    },
  };
}
