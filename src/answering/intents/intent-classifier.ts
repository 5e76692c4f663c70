import { createRequire } from 'node:module';
import type createClassifier from 'wink-naive-bayes-text-classifier';
import { eng as englishStopWords } from 'stopword';
import { INTENT_EXAMPLES, type ClassifiedIntent } from './intent-examples.js';

type Classifier = ReturnType<typeof createClassifier>;

const STOP = new Set(englishStopWords);

/**
 * The words of a message, as the classifier sees them: lower case, apostrophes unified, emoji,
 * punctuation and repeated letters ("heyyy") gone, so wording is all that counts.
 */
export function intentWords(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[’‘`]/g, "'")
      .replace(/(\p{L})\1{2,}\b/gu, '$1')
      .replace(/(\p{L})\1{2,}/gu, '$1$1')
      .replace(/'(?:s|re|m|ll|ve|d)\b/g, '')
      .replace(/\b(what|who|where|how|that)s\b/g, '$1')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const UNKNOWN = '<unk>';

/** Features: the words, the word pairs, and the opening word (the strongest cue of what is asked). */
function features(text: string, known?: ReadonlySet<string>): string[] {
  const words = intentWords(text).map((word) => (known && !known.has(word) ? UNKNOWN : word));
  const pairs = words.slice(1).map((word, index) => `${words[index] ?? ''}_${word}`);
  return [...words, ...pairs, `^${words[0] ?? ''}`];
}

let trained: Classifier | undefined;

/**
 * Trains on the paraphrases on first use (a few milliseconds), so importing costs nothing. Words
 * outside the reader intents' own vocabulary become one feature, <unk>: each question example is
 * learnt a second time with its topic words ("coach", "price", names) as <unk>, so an unknown word
 * weighs toward a question without deciding it alone ("hey folks" stays a greeting).
 */
function model(): Classifier {
  if (trained) return trained;
  const require = createRequire(import.meta.url);
  const create = require('wink-naive-bayes-text-classifier') as typeof createClassifier;
  const classifier = create();
  const social = new Set<string>(STOP);
  for (const [intent, examples] of Object.entries(INTENT_EXAMPLES))
    if (intent !== 'question')
      for (const example of examples) for (const word of intentWords(example)) social.add(word);
  // Learnt first with every word as it is, then (and when predicting) with topic words as <unk>.
  const view: { known?: ReadonlySet<string> } = {};
  classifier.definePrepTasks([(text) => features(text, view.known)]);
  classifier.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
  for (const [intent, examples] of Object.entries(INTENT_EXAMPLES))
    for (const example of examples) classifier.learn(example, intent);
  view.known = social;
  for (const example of INTENT_EXAMPLES.question) classifier.learn(example, 'question');
  classifier.consolidate();
  trained = classifier;
  return trained;
}

/** The intent of one piece of a message. */
export function classifyPiece(text: string): ClassifiedIntent | undefined {
  if (intentWords(text).length === 0) return undefined;
  const classifier = model();
  const [best] = classifier.computeOdds(text);
  const label = best?.[0];
  return label !== undefined && label in INTENT_EXAMPLES ? (label as ClassifiedIntent) : 'question';
}

// Which intent a message of several pieces takes: a question wins over everything ("hi, who won?").
const PRIORITY: readonly ClassifiedIntent[] = [
  'question',
  'summary',
  'capabilities',
  'about-bot',
  'vague',
  'thanks',
  'greeting',
];

/**
 * Splits a message at sentence punctuation, commas and emoji into the pieces a reader typed; a
 * piece counts on its own when it is a question ("?") or long enough to be one (three words).
 */
function pieces(text: string): string[] {
  return text
    .split(/(?<=\?)/u)
    .flatMap((part) =>
      part.split(
        /[.!;:,\n]+|(?:\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}|\u{200D})+|\s[-–—]\s/u,
      ),
    )
    .map((piece) => piece.trim())
    .filter((piece) => piece.endsWith('?') || intentWords(piece).length >= 3);
}

/**
 * Classifies a reader's message: each piece on its own, then the highest-priority intent among
 * them, so a greeting with a question in it is a question. An empty message (emoji only) greets.
 */
export function classifyIntent(text: string): ClassifiedIntent {
  const found = new Set(pieces(text).map(classifyPiece));
  const whole = classifyPiece(text);
  if (whole) found.add(whole);
  return PRIORITY.find((intent) => found.has(intent)) ?? 'greeting';
}
