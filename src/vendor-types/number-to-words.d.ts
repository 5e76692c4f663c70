declare module 'number-to-words' {
  /** Spells an integer in English words ("21" → "twenty-one"). */
  export function toWords(n: number): string;
}
