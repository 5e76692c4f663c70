import type { ItemSentence, ItsFunction, WinkMethods } from 'wink-nlp';

/** One token of English text, as the support check compares it. */
export interface NlpToken {
  readonly text: string;
  /** Lower case, dots removed ("U.S." and "US" compare equal). */
  readonly lower: string;
  readonly lemma: string;
  readonly pos: string;
  readonly stop: boolean;
  /** 'word', 'number', 'punctuation', ... as wink-nlp types it. */
  readonly type: string;
  /** The first word of its sentence, where a capital letter says nothing. */
  readonly sentenceStart: boolean;
}

let loaded: WinkMethods | undefined;
let loading: Promise<WinkMethods> | undefined;

// Loaded on first use (about 0.2 s), so modes that never check a model's claims never pay for it.
async function load(): Promise<WinkMethods> {
  const [{ default: winkNLP }, { default: model }] = await Promise.all([
    import('wink-nlp'),
    import('wink-eng-lite-web-model'),
  ]);
  loaded = winkNLP(model, ['sbd', 'pos']);
  return loaded;
}

/** Makes sure the language model is loaded, so {@link tokenize} can run synchronously. */
export async function loadNlp(): Promise<void> {
  loading ??= load();
  await loading;
}

const strings = (values: unknown): string[] => (Array.isArray(values) ? values.map(String) : []);
const cache = new Map<string, readonly NlpToken[]>();
const CACHE_LIMIT = 2_000;

/**
 * Tokens of a text with part of speech, lemma and stop-word flag (wink-nlp's English model).
 * Call {@link loadNlp} once first. Results are cached per text (paragraphs repeat).
 */
export function tokenize(text: string): readonly NlpToken[] {
  const hit = cache.get(text);
  if (hit) return hit;
  if (!loaded) throw new Error('loadNlp() must finish before tokenize()');
  const { its } = loaded;
  const tokens: NlpToken[] = [];
  loaded
    .readDoc(text)
    .sentences()
    .each((sentence: ItemSentence) => {
      const list = sentence.tokens();
      /* eslint-disable @typescript-eslint/unbound-method -- wink-nlp's its.* helpers are passed as values */
      const values = strings(list.out(its.value));
      // wink-nlp's typings give `lemma` an addons parameter its own `out` signature does not accept.
      const lemmas = strings(list.out(its.lemma as unknown as ItsFunction<string>));
      const pos = strings(list.out(its.pos));
      const stops = strings(list.out(its.stopWordFlag));
      const types = strings(list.out(its.type));
      /* eslint-enable @typescript-eslint/unbound-method */
      let first = true;
      values.forEach((value, index) => {
        const type = types[index] ?? 'word';
        const lower = value.toLowerCase().replace(/\./g, '');
        tokens.push({
          text: value,
          lower,
          lemma: (lemmas[index] ?? value).toLowerCase().replace(/\./g, ''),
          pos: pos[index] ?? 'X',
          stop: stops[index] === 'true',
          type,
          sentenceStart: first && type === 'word',
        });
        if (type === 'word' || type === 'number') first = false;
      });
    });
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, tokens);
  return tokens;
}
