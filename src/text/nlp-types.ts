/** One word of a sentence, as the English model reads it. */
export interface WordToken {
  readonly text: string;
  /** Lower-case dictionary form ("rose" → "rise", "profits" → "profit"). */
  readonly lemma: string;
  /** Universal part of speech (NOUN, PROPN, VERB, NUM, …). */
  readonly pos: string;
  readonly stop: boolean;
  /** Named-entity type when the word is part of one (DATE, TIME, MONEY, PERCENT, CARDINAL, …). */
  readonly entity?: string;
}

/** A sentence exactly as it appears in the source text, with its words. */
export interface AnalysedSentence {
  readonly text: string;
  readonly tokens: readonly WordToken[];
}

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
