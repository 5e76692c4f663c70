declare module 'stopword' {
  /** English stop words. */
  export const eng: readonly string[];
  export function removeStopwords(tokens: readonly string[], stopwords?: readonly string[]): string[];
}
