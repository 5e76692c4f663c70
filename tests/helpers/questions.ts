import { readFileSync } from 'node:fs';

/** One labelled question about the seed story (tests/fixtures/questions.jsonl). */
export interface LabelledQuestion {
  readonly id: string;
  readonly kind:
    | 'direct'
    | 'paraphrase'
    | 'multi'
    | 'followup'
    | 'partial'
    | 'unanswerable'
    | 'offtopic'
    | 'injection'
    | 'summary'
    | 'greeting'
    | 'why'
    | 'chain';
  /** The reader intent the question should be recognised as (default 'question'). */
  readonly intent?: string;
  readonly question: string;
  /** Paragraphs that answer it; empty when the article does not. */
  readonly gold: readonly number[];
  /** For a follow-up: the id of the question it follows (chains of three follow one another). */
  readonly followUpOf?: string;
}

function load(file: string): LabelledQuestion[] {
  const text = readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledQuestion);
}

/** The labelled question set, written from the article (not from the ranking's output). */
export function loadQuestions(): LabelledQuestion[] {
  return load('questions.jsonl');
}

/**
 * Reader-style questions (tests/fixtures/reader-questions.jsonl): summaries, greetings, why-questions
 * in several wordings, and two- and three-turn follow-up chains, written from the article.
 */
export function loadReaderQuestions(): LabelledQuestion[] {
  return load('reader-questions.jsonl');
}

/** Both labelled sets, as `npm run eval` asks them. */
export function loadAllQuestions(): LabelledQuestion[] {
  return [...loadQuestions(), ...loadReaderQuestions()];
}

/** The history a follow-up question is asked with (its first question, answered). */
export function historyFor(question: LabelledQuestion, all: readonly LabelledQuestion[]) {
  const first = all.find((candidate) => candidate.id === question.followUpOf);
  return first ? [{ question: first.question, answer: '' }] : [];
}
