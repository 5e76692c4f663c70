// A period after these does not end a sentence.
const ABBREVIATION =
  /(?:\b(?:\p{Lu}\.)+|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|vs|etc|Gen|Sen|Rep|Gov|Lt|Col|Capt|No|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$/u;
const BOUNDARY = /(?<=[.!?…]["'”’)\]]*(?:\s*\[\d+(?:\s*,\s*\d+)*\])*)\s+(?=["'“‘(\p{Lu}\p{N}])/gu;

/**
 * Splits prose into sentences. Citation markers after a full stop ("… truce. [2]") stay with
 * the sentence they support, and abbreviations such as "U.S." or "Mr." do not end a sentence.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index;
    const candidate = text.slice(start, end);
    if (ABBREVIATION.test(candidate.replace(/["'”’)\]]+$/u, ''))) continue;
    if (candidate.trim()) sentences.push(candidate.trim());
    start = end + match[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
