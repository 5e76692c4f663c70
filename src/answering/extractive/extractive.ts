import type { AnalysedSentence, Nlp } from '../../text/nlp.js';
import { carriesAnswerType, expectedAnswerType, type AnswerType } from './answer-type.js';
import type { RawClaim } from '../reply/claims-schema.js';
import type { Passage } from '../../domain/types.js';

/** Most sentences an extractive answer quotes (unless it is a summary). */
const MAX_SENTENCES = 2;
const PASSAGES_CONSIDERED = 3;
/** IDF-weighted share of the question's words a sentence must hold to be shown at all. */
export const RELEVANCE_FLOOR = 0.2;
const TYPE_BONUS = 0.15;
// The passage's rank weighs as much as the answer type: the paragraph ranking sees phrases and
// exact words that single sentences miss (SQuAD hit 73.1% at 0.05, 76.6% at 0.15, 75.1% at 0.3).
const RANK_PRIOR = 0.15;
// Types recognised reliably enough that a sentence lacking them should not lead the answer.
const DECISIVE_TYPES = new Set(['time', 'quantity', 'reason', 'outlook']);
/** Weight of the earlier question's words for a follow-up that leans on it. */
const CONTEXT_WEIGHT = 0.5;
const REPEAT_PENALTY = 0.3;

// Words that frame a question about a story rather than say what it is about.
const FRAMING = new Set(
  (
    'article story piece report text say tell mention explain describe accord happen know think mean ' +
    'thing anything something really exactly also else please why how what who when where which'
  ).split(' '),
);
// Words of "What happens next?" that name nothing in the story.
const EMPTY = new Set(['happen', 'next', 'now', 'then']);

/** What an extractive answer is built from. */
export interface ExtractiveInput {
  readonly question: string;
  /** Retrieved passages, best first. */
  readonly passages: readonly Passage[];
  /** For a follow-up: the earlier question it leans on, and the answer already given. */
  readonly previousQuestion?: string;
  readonly previousAnswer?: string;
}

interface Scored {
  readonly source: number;
  readonly sentence: AnalysedSentence;
  readonly score: number;
  readonly matched: ReadonlySet<string>;
  /** Holds the kind of answer asked for. */
  readonly typed: boolean;
  /** The kind of answer asked for. */
  readonly type: AnswerType;
  /** IDF-weighted share of the question's words the sentence holds. */
  readonly coverage: number;
  /** Scored for a question that names nothing of its own ("Why?"). */
  readonly elliptical: boolean;
}

function questionLemmas(nlp: Nlp, text: string): string[] {
  return [...new Set(nlp.lemmas(text).filter((lemma) => !FRAMING.has(lemma)))];
}

/** IDF of each lemma over the paragraphs of the passages' article (unknown words weigh most). */
function idfOver(nlp: Nlp, passages: readonly Passage[]): (lemma: string) => number {
  const paragraphs = passages[0]?.article.paragraphs ?? [];
  const df = new Map<string, number>();
  for (const paragraph of paragraphs)
    for (const lemma of new Set(nlp.lemmas(paragraph.text))) df.set(lemma, (df.get(lemma) ?? 0) + 1);
  const total = paragraphs.length;
  return (lemma) => {
    const count = df.get(lemma) ?? 0;
    return Math.log(1 + (total - count + 0.5) / (count + 0.5));
  };
}

/**
 * Scores every sentence of the top passages against the question: the IDF-weighted share of
 * the question's words it holds (the earlier question's at half weight for a follow-up), a bonus
 * when it holds the kind of answer asked for (a date for "when", a number for "how much", a
 * reason for "why"), a small bonus for the passage's rank, and a penalty for repeating the last answer.
 */
export function scoreSentences(nlp: Nlp, input: ExtractiveInput): Scored[] {
  const idf = idfOver(nlp, input.passages);
  const own = questionLemmas(nlp, input.question).filter((lemma) => !EMPTY.has(lemma));
  const context = input.previousQuestion
    ? questionLemmas(nlp, input.previousQuestion).filter((lemma) => !own.includes(lemma))
    : [];
  const weights = new Map<string, number>([
    ...context.map((lemma): [string, number] => [lemma, CONTEXT_WEIGHT * idf(lemma)]),
    ...own.map((lemma): [string, number] => [lemma, idf(lemma)]),
  ]);
  const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
  const type = expectedAnswerType(input.question);
  // The last answer as the reader saw it, without its [n] markers (placed before a claim's full stop).
  const shown = (input.previousAnswer ?? '').replace(/\s*\[\d+(?:,\s*\d+)*\]/g, '');
  // "Why?" names nothing: it asks for the reason behind the last answer, which must not be repeated.
  const elliptical = own.length === 0 && context.length > 0;
  // An elliptical question may be answered anywhere the conversation's passages reach.
  const considered = elliptical ? input.passages : input.passages.slice(0, PASSAGES_CONSIDERED);
  return considered.flatMap((passage, index) =>
    nlp.sentences(passage.paragraph.text).map((sentence) => {
      const lemmas = new Set(sentence.tokens.map((token) => token.lemma));
      const matched = new Set([...weights.keys()].filter((lemma) => lemmas.has(lemma)));
      const coverage =
        total === 0 ? 0 : [...matched].reduce((sum, lemma) => sum + (weights.get(lemma) ?? 0), 0) / total;
      const typed = carriesAnswerType(sentence, type);
      const bonus = typed && (coverage > 0 || elliptical) ? TYPE_BONUS : 0;
      const repeat = shown.includes(sentence.text) ? REPEAT_PENALTY : 0;
      return {
        source: index + 1,
        sentence,
        matched,
        typed,
        type,
        coverage,
        elliptical,
        score: (elliptical ? CONTEXT_WEIGHT : 1) * coverage + bonus + RANK_PRIOR / (index + 1) - repeat,
      };
    }),
  );
}

/**
 * Answers without a language model: the best-scoring sentence first, then at most one more that
 * adds words of the question the first lacks. Nothing below the relevance floor is shown; when no
 * sentence reaches it no claim is returned (the caller declines: the article doesn't cover that).
 */
export function extractiveAnswer(nlp: Nlp, input: ExtractiveInput): RawClaim[] {
  const scored = scoreSentences(nlp, input);
  const elliptical = scored.some((entry) => entry.elliptical);
  const relevant = scored
    .filter((entry) =>
      entry.elliptical ? entry.typed : entry.score >= RELEVANCE_FLOOR && entry.matched.size > 0,
    )
    .sort((a, b) => b.score - a.score);
  // A sentence holding the kind of answer asked for (a reason for "why", a date for "when") beats one that doesn't.
  const typed = relevant.filter((entry) => entry.typed && DECISIVE_TYPES.has(entry.type));
  const ranked = typed.length > 0 ? typed : relevant;
  if (elliptical) ranked.splice(1);
  const [best, ...rest] = ranked;
  if (!best) return [];
  const chosen = [best];
  const second = rest.find(
    (entry) =>
      entry.sentence.text !== best.sentence.text &&
      [...entry.matched].some((lemma) => !best.matched.has(lemma)),
  );
  if (second && chosen.length < MAX_SENTENCES) chosen.push(second);
  // Each sentence is a claim quoting itself, so it is verified like any model claim.
  return chosen.map((entry) => ({
    text: entry.sentence.text,
    quotes: [{ source: entry.source, quote: entry.sentence.text }],
  }));
}
