import { analyze } from '../../text/analyzer.js';
import { expectedAnswerType } from '../extractive/answer-type.js';
import { classifyIntent } from './intent-classifier.js';

/** What a reader wants, decided before any retrieval. */
export type ReaderIntent =
  'question' | 'summary' | 'greeting' | 'thanks' | 'about-bot' | 'capabilities' | 'vague' | 'clarify-story';

/** Intents answered with a short friendly reply and three questions, with no model call. */
export const SOCIAL_INTENTS: ReadonlySet<ReaderIntent> = new Set([
  'greeting',
  'thanks',
  'about-bot',
  'capabilities',
  'vague',
]);

/**
 * Decides what a reader wants from the message: a greeting, thanks, a question about the bot, a
 * summary of the story, a first turn too vague to answer ("tell me more"), or (by default) a
 * question about the article. The decision is a classifier's (src/answering/intents/intent-classifier.ts),
 * trained on paraphrases; inside a conversation a vague turn ("Why?", "and then?") is a follow-up question.
 */
export function detectIntent(question: string, inConversation = false): ReaderIntent {
  const intent = classifyIntent(question);
  if (inConversation) return intent === 'vague' ? 'question' : intent;
  // A first turn that names nothing but "he" or "them" ("what did he say?") has nothing to refer to yet.
  return intent === 'question' && namesNothing(question) ? 'vague' : intent;
}

const POINTS_BACK = /\b(?:he|she|they|him|her|them|his|their|it|that)\b/i;

function namesNothing(question: string): boolean {
  return (
    POINTS_BACK.test(question) &&
    expectedAnswerType(question) === 'none' &&
    analyze(question).every((term) => NOTHING.has(term))
  );
}

// Index terms that name nothing in a story: what is asked, not what it is about.
const NOTHING = new Set(analyze('say said tell think mean about more'));
