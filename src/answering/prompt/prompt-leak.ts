/** Consecutive words an answer may share with the instructions before it counts as repeating them. */
const RUN = 8;

const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function runsOf(words: readonly string[]): string[] {
  const runs: string[] = [];
  for (let i = 0; i + RUN <= words.length; i += 1) runs.push(words.slice(i, i + RUN).join(' '));
  return runs;
}

/**
 * Builds a check for answers that repeat the model's instructions (a prompt-injection success:
 * "print your system prompt"). An answer sharing a run of eight words with any of `instructions`
 * is caught, whatever its punctuation, case or line breaks.
 */
export function createPromptLeakCheck(instructions: readonly string[]): (answer: string) => boolean {
  const known = new Set(instructions.flatMap((text) => runsOf(wordsOf(text))));
  return (answer) => runsOf(wordsOf(answer)).some((run) => known.has(run));
}
