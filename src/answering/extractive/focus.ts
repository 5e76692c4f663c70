import type { Article } from '../../articles/types.js';
import type { WordBridge } from '../../domain/types.js';
import { processTerm } from '../../text/analyzer.js';
import type { AnalysedSentence, Nlp } from '../../text/nlp.js';
import {
  carriesAnswerType,
  expectedAnswerType,
  MISSING,
  PRECISE_TYPES,
  type AnswerType,
} from './answer-type.js';

// Words that frame a question or only say what kind of answer is wanted: never its focus.
const NOT_FOCUS = new Set(
  (
    'article story piece report text say tell mention explain describe accord happen know think mean thing ' +
    'anything something really exactly also else please why how what who when where which much many old long ' +
    'far big time date year day number amount get go come make do be have will would could should can may'
  ).split(' '),
);

const WORDED_FREELY: ReadonlySet<AnswerType> = new Set(['reason', 'means', 'outlook']);

/** What a partial answer needs to know about the question and the story. */
export interface FocusInput {
  readonly question: string;
  readonly article: Article;
  /** The sentences the extractive answer chose. */
  readonly chosen: readonly string[];
  readonly bridges?: readonly WordBridge[];
}

interface StoryWords {
  readonly lemmas: ReadonlySet<string>;
  readonly stems: ReadonlySet<string>;
  /** Lemma → the story's spelling, for words the story uses as names. */
  readonly names: ReadonlyMap<string, string>;
}

const stories = new WeakMap<Article, StoryWords>();

function storyWords(nlp: Nlp, article: Article): StoryWords {
  const known = stories.get(article);
  if (known) return known;
  const lemmas = new Set<string>();
  const stems = new Set<string>();
  const names = new Map<string, string>();
  for (const paragraph of article.paragraphs)
    for (const sentence of nlp.sentences(paragraph.text))
      for (const token of sentence.tokens) {
        lemmas.add(token.lemma);
        const stem = processTerm(token.text);
        if (stem) stems.add(stem);
        if (token.pos === 'PROPN' && /^\p{Lu}/u.test(token.text) && !names.has(token.lemma))
          names.set(token.lemma, token.text);
      }
  const words = { lemmas, stems, names };
  stories.set(article, words);
  return words;
}

const content = (sentences: readonly AnalysedSentence[]) =>
  sentences.flatMap((sentence) =>
    sentence.tokens.filter(
      (token) => !token.stop && /\p{L}/u.test(token.text) && !NOT_FOCUS.has(token.lemma),
    ),
  );

/**
 * What a question asks about that the story doesn't give, as the opening of a partial answer:
 * "The story mentions Kelly Holmes, but not coach." when the question's focus (not the name it
 * is about) is nowhere in the story, or "The story doesn't give the time." when the sentences
 * chosen lack the kind of answer asked for. Undefined when the answer is there to show.
 */
export function missingFocus(nlp: Nlp, input: FocusInput): string | undefined {
  const story = storyWords(nlp, input.article);
  const tokens = content(nlp.sentences(input.question));
  const bridged = new Set(
    (input.bridges ?? []).flatMap((bridge) => nlp.lemmas(bridge.from.replace('%', ''))),
  );
  const inStory = (lemma: string, text: string) => {
    const stem = processTerm(text);
    return story.lemmas.has(lemma) || bridged.has(lemma) || (stem !== null && story.stems.has(stem));
  };
  const subject = [
    ...new Set(tokens.filter((token) => story.names.has(token.lemma)).map((token) => token.lemma)),
  ];
  // The focus is a thing asked about ("coach", "price"): nouns only. A reader's verbs and adjectives
  // ("sell", "unhappy") paraphrase the story too freely to prove it silent, and so do why/how questions.
  const type = expectedAnswerType(input.question);
  const focus = WORDED_FREELY.has(type)
    ? []
    : tokens.filter((token) => !story.names.has(token.lemma) && token.pos === 'NOUN');
  const absent = [
    ...new Set(focus.filter((token) => !inStory(token.lemma, token.text)).map((token) => token.text)),
  ];
  const about = subject.map((lemma) => story.names.get(lemma) ?? lemma).join(' ');
  if (absent.length > 0)
    return about
      ? `The story mentions ${about}, but not ${absent.join(' or ')}.`
      : `The story doesn't mention ${absent.join(' or ')}.`;
  const what = MISSING[type];
  if (!PRECISE_TYPES.has(type) || what === undefined) return undefined;
  const chosen = input.chosen.flatMap((text) => nlp.sentences(text));
  if (chosen.some((sentence) => carriesAnswerType(sentence, type))) return undefined;
  return about ? `The story doesn't give ${what} (it mentions ${about}).` : `The story doesn't give ${what}.`;
}
