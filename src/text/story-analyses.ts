import { LRUCache } from 'lru-cache';
import { analyseSentences } from './analyse.js';
import type { AnalysedSentence } from './nlp-types.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import type { Vocabulary } from './question-lemmas.js';
import { sharedWink } from './wink.js';

/** A story's analysis as stored: each paragraph's sentences, in paragraph order. */
export interface StoryAnalysis {
  readonly paragraphs: readonly (readonly AnalysedSentence[])[];
}

/** Where analyses are kept between processes (content caches on disk, wired in the composition root). */
export interface AnalysisStore {
  /** Story analyses, keyed by the story's text. */
  readonly stories: {
    get(storyText: string): StoryAnalysis | undefined;
    set(storyText: string, analysis: StoryAnalysis): void;
  };
  /** The model's lexicon (lexicon.ts), one per model version. */
  readonly lexicon: { get(key: string): Lexicon | undefined; set(key: string, lexicon: Lexicon): void };
}

interface Story {
  readonly paragraphs: readonly string[];
  readonly store: AnalysisStore;
}

const LEXICON_KEY = 'lexicon';
let lexicon: Lexicon | undefined;
let lexiconStore: AnalysisStore | undefined;

/** The model's lexicon: from the store, else built (with the model) and stored; once per process. */
export function sharedLexicon(): Lexicon {
  if (lexicon !== undefined) return lexicon;
  lexicon = lexiconStore?.lexicon.get(LEXICON_KEY);
  if (lexicon === undefined) {
    lexicon = buildLexicon(sharedWink());
    lexiconStore?.lexicon.set(LEXICON_KEY, lexicon);
  }
  return lexicon;
}

const ACRONYM = /^(?:\p{Lu}{2,}|(?:\p{Lu}\.){2,})$/u;
// Paragraph text → its story, for every story registered; analyses of the stories last used, in memory.
const storyOf = new Map<string, Story>();
const loaded = new LRUCache<Story, ReadonlyMap<string, readonly AnalysedSentence[]>>({ max: 200 });
const forms = new Map<string, { lemma: string; stop: boolean }>();

const storyText = (story: Story) => story.paragraphs.join('\n\n');

function learn(analysis: StoryAnalysis): void {
  for (const sentences of analysis.paragraphs)
    for (const { tokens } of sentences)
      for (const token of tokens) {
        if (!ACRONYM.test(token.text))
          forms.set(token.text.toLowerCase(), { lemma: token.lemma, stop: token.stop });
      }
}

/** The story's analysis: from the store, else computed (this builds the model) and stored. */
function analysisOf(story: Story): ReadonlyMap<string, readonly AnalysedSentence[]> {
  const known = loaded.get(story);
  if (known) return known;
  const text = storyText(story);
  let analysis = story.store.stories.get(text);
  if (analysis?.paragraphs.length !== story.paragraphs.length) {
    analysis = { paragraphs: story.paragraphs.map((paragraph) => analyseSentences(sharedWink(), paragraph)) };
    story.store.stories.set(text, analysis);
    // The model is built now anyway: the lexicon questions are read with is made (once) too.
    sharedLexicon();
  }
  learn(analysis);
  const byText = new Map(
    story.paragraphs.map((paragraph, index) => [paragraph, analysis.paragraphs[index] ?? []]),
  );
  loaded.set(story, byText);
  return byText;
}

/**
 * Registers stories (each its paragraphs' texts) with the shared NLP instance: their analyses are
 * read from `store` on first use, or computed once and stored, so answering about a known story
 * needs no model. With `index`, each story's analysis is made sure of now (the indexing step).
 */
export function rememberStories(
  stories: readonly (readonly string[])[],
  store: AnalysisStore,
  options: { readonly index?: boolean } = {},
): void {
  lexiconStore ??= store;
  for (const paragraphs of stories) {
    const story: Story = { paragraphs, store };
    for (const paragraph of paragraphs) storyOf.set(paragraph, story);
    if (options.index) analysisOf(story);
  }
}

/** The stored analysis of a registered story's paragraph, or undefined for any other text. */
export function rememberedAnalysis(text: string): readonly AnalysedSentence[] | undefined {
  const story = storyOf.get(text);
  return story && analysisOf(story).get(text);
}

/** Every form of the stories analysed so far (question-lemmas.ts reads questions against it). */
export const vocabulary = (): Vocabulary => ({ forms });
