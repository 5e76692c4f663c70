/** Where a model points: a passage by its number in the prompt, or an article paragraph by its ¶ label. */
export interface SourceRef {
  readonly kind: 'passage' | 'paragraph';
  readonly n: number;
}

const LIST = String.raw`\d{1,3}(?:\s*(?:[-–—]|,|;|and|&)\s*\d{1,3})*`;
const WORD = String.raw`(?:passages?|sources?|paragraphs?|refs?|p\.?)\s*`;
/**
 * Every marker form real models write: [1], [1, 2], [1-2], [1][2], (1), 【1】, 【1†source】,
 * [Passage 1], (Passage 2), [^1], [¶5], ¶5.
 */
const MARKER = new RegExp(
  [
    String.raw`\[\^?\s*(${WORD})?(¶\s*)?(${LIST})\s*\]`,
    String.raw`【\s*(${WORD})?(¶\s*)?(${LIST})(?:[†:][^】]*)?】`,
    String.raw`\(\s*(${WORD})?(¶\s*)?(\d{1,2}(?:\s*(?:[-–—]|,)\s*\d{1,2})*)\s*\)`,
    String.raw`(¶)\s*(\d{1,3})\b`,
  ].join('|'),
  'giu',
);

/** One marker found in text. */
export interface FoundMarker {
  readonly start: number;
  readonly end: number;
  readonly refs: readonly SourceRef[];
}

function expand(list: string): number[] {
  const numbers: number[] = [];
  for (const part of list.split(/\s*(?:,|;|and|&)\s*/i)) {
    const range = /^(\d+)\s*[-–—]\s*(\d+)$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      // A long "range" is more likely a year span or a score than markers.
      if (to >= from && to - from <= 10) for (let n = from; n <= to; n += 1) numbers.push(n);
    } else if (/^\d+$/.test(part)) numbers.push(Number(part));
  }
  return numbers;
}

/** Finds every citation marker in text, in order. */
export function findMarkers(text: string): FoundMarker[] {
  const found: FoundMarker[] = [];
  for (const match of text.matchAll(MARKER)) {
    // Groups come in threes per bracketed form (word, ¶, list), then the bare ¶ form's (¶, number).
    const groups = match.slice(1);
    const form = [0, 3, 6].find((offset) => groups[offset + 2] !== undefined);
    const [word, pilcrow, list] =
      form === undefined ? [undefined, groups[9], groups[10]] : groups.slice(form, form + 3);
    const paragraph = pilcrow !== undefined || /^para/i.test(word ?? '');
    const refs = expand(list ?? '').map((n): SourceRef => ({ kind: paragraph ? 'paragraph' : 'passage', n }));
    if (refs.length > 0) found.push({ start: match.index, end: match.index + match[0].length, refs });
  }
  return found;
}

/** Text with every marker removed (and the space before it). */
export function stripMarkers(text: string): string {
  let out = '';
  let at = 0;
  for (const marker of findMarkers(text)) {
    out += text.slice(at, marker.start).replace(/\s+$/u, '');
    at = marker.end;
  }
  return (out + text.slice(at)).replace(/\s+([.,;:!?])/gu, '$1').trim();
}

/**
 * Reads a `source` value as a model wrote it: 2, "2", "[2]", "Passage 2", "passage_2", "P2",
 * or a paragraph label "¶5". Undefined when it names nothing.
 */
export function parseSourceRef(value: unknown): SourceRef | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? { kind: 'passage', n: value } : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const paragraph = /^[[(【]?\s*(?:¶|§|para(?:graph)?\.?\s*)\s*(\d+)/iu.exec(text);
  if (paragraph) return { kind: 'paragraph', n: Number(paragraph[1]) };
  const passage = /^[[(【]?\^?\s*(?:passages?|sources?|p)?[\s_#-]*(\d+)/iu.exec(text);
  return passage ? { kind: 'passage', n: Number(passage[1]) } : undefined;
}

/**
 * Rewrites passage markers of every form as `[1, 2]`, the form the sentence splitter keeps with the
 * sentence before it ("… halted. (1) Analysts …" would otherwise give "(1)" to the next sentence).
 */
export function canonicalMarkers(text: string): string {
  let out = '';
  let at = 0;
  for (const marker of findMarkers(text)) {
    if (marker.refs.some((ref) => ref.kind !== 'passage')) continue;
    out += `${text.slice(at, marker.start)}[${marker.refs.map((ref) => ref.n).join(', ')}]`;
    at = marker.end;
  }
  return out + text.slice(at);
}
