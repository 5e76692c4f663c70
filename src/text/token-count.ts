import type * as O200k from 'gpt-tokenizer/encoding/o200k_base';

/** Counts the tokens of a text for the OpenAI models of the 4o, 4.1 and 5 families (o200k_base). */
export type CountTokens = (text: string) => Promise<number>;

/**
 * Creates a token counter over gpt-tokenizer's o200k_base encoding. The encoding is loaded on
 * the first count, not at import: it takes 0.2 to 0.8 s and about 70 MB, which only engines that
 * call a model should pay.
 */
export function createTokenCounter(): CountTokens {
  let encoding: Promise<typeof O200k> | undefined;
  return async (text) => {
    encoding ??= import('gpt-tokenizer/encoding/o200k_base');
    return (await encoding).countTokens(text);
  };
}
