/**
 * Honest paraphrase the way real models write it: the same facts, names and numbers, in other
 * words. Verbs and adjectives are swapped for near-synonyms, the opening connective is dropped,
 * a long sentence is cut at a clause boundary, and the claim is framed ("The article says …").
 */
const SYNONYMS: Readonly<Record<string, string>> = {
  halted: 'paused',
  impose: 'levy',
  preserve: 'protect',
  delicate: 'fragile',
  warned: 'cautioned',
  'wide-ranging': 'broad',
  infiltrated: 'breached',
  prompted: 'led',
  advocate: 'push',
  strong: 'tough',
  delay: 'postpone',
  punitive: 'penalising',
  concerned: 'worried',
  unravel: 'undo',
  aimed: 'sought',
  deteriorating: 'worsening',
  easing: 'lowering',
  reducing: 'cutting',
  stabilizing: 'steadying',
  believed: 'thought',
  separate: 'second',
  further: 'more',
  feared: 'worried',
  implementing: 'enforcing',
  provoke: 'trigger',
  jeopardizing: 'endangering',
  ongoing: 'continuing',
  risking: 'courting',
  renewed: 'fresh',
  consolidating: 'securing',
  heavy: 'intense',
  alleged: 'suspected',
  coordinated: 'organised',
  critical: 'vital',
  warn: 'caution',
  embolden: 'encourage',
  complicating: 'muddying',
  urgent: 'pressing',
  maintaining: 'keeping',
  committed: 'pledged',
  temporary: 'short-term',
  calculated: 'deliberate',
  gamble: 'bet',
  suspension: 'pause',
  safeguard: 'protect',
  cautious: 'careful',
  navigate: 'steer',
  significant: 'major',
  described: 'called',
  announced: 'said',
  began: 'started',
  increased: 'rose',
  decreased: 'fell',
  large: 'big',
  important: 'key',
  attempt: 'try',
  approximately: 'about',
  received: 'got',
  established: 'set up',
  purchased: 'bought',
  constructed: 'built',
  numerous: 'many',
};
const CONNECTIVES =
  /^(however|instead|meanwhile|for now|despite [^,]+|for months|with [^,]+|while [^,]+),\s*/i;
const FRAMES = ['The article says that ', 'According to the article, ', 'It reports that ', ''];
const MAX_WORDS = 30;
const MIN_CUT = 12;
// Sentence openers that are ordinary words, lower-cased after a frame (names keep their capital).
const COMMON_OPENER =
  /^(The|It|A|An|This|That|These|Those|Sources|Officials|Analysts|Security|Delaying|Experts|In|On|At|By|After|Before|During)$/;

/** A stable small hash, so the same sentence is always paraphrased the same way. */
export function hashOf(text: string): number {
  let hash = 7;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

function cutAtClause(words: readonly string[]): string[] {
  if (words.length <= MAX_WORDS) return [...words];
  const commas = words.map((word, index) => (word.endsWith(',') ? index : -1)).filter((i) => i >= MIN_CUT);
  const cut = commas.filter((index) => index < MAX_WORDS).at(-1);
  return cut === undefined ? [...words] : words.slice(0, cut + 1);
}

/** An honest paraphrase of one article sentence, ending with a full stop. */
export function paraphrase(sentence: string): string {
  const trimmed = sentence.replace(/^[A-Z][A-Za-z]+:\s+/, '').replace(CONNECTIVES, '');
  const words = cutAtClause(trimmed.split(/\s+/)).map((word) => {
    const bare = word.replace(/[^A-Za-z-]/g, '').toLowerCase();
    const swap = SYNONYMS[bare];
    return swap ? word.replace(new RegExp(bare, 'i'), swap) : word;
  });
  let text = words.join(' ').replace(/[,;:]$/, '');
  const frame = FRAMES[hashOf(sentence) % FRAMES.length] ?? '';
  const first = text.split(' ')[0] ?? '';
  if (frame) text = frame + (COMMON_OPENER.test(first) ? text.charAt(0).toLowerCase() + text.slice(1) : text);
  text = text.replace(/^(The article says that|It reports that) that /, '$1 ');
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
