import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { createTokenCounter } from '../src/text/token-count.js';

describe('createTokenCounter', () => {
  it('counts o200k tokens like gpt-tokenizer itself, in a worker that stops when idle and restarts when asked', async () => {
    const count = createTokenCounter({ idleMs: 10 });
    const texts = ['Salt Typhoon breached U.S. telecoms.', 'naïve café ✓ — 12,345', ''];
    expect(await Promise.all(texts.map(count))).toEqual(texts.map((text) => countTokens(text)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await count('again, after the worker stopped')).toBe(
      countTokens('again, after the worker stopped'),
    );
  });
});
