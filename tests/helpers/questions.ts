import { readFileSync } from 'node:fs';

/** One labelled question about the seed story (tests/fixtures/questions.jsonl). */
export interface LabelledQuestion {
  readonly id: string;
  readonly kind:
    'direct' | 'paraphrase' | 'multi' | 'followup' | 'partial' | 'unanswerable' | 'offtopic' | 'injection';
  readonly question: string;
  /** Paragraphs that answer it; empty when the article does not. */
  readonly gold: readonly number[];
  /** For the second question of a follow-up pair: the id of the first. */
  readonly followUpOf?: string;
}

/** The labelled question set, written from the article (not from the ranking's output). */
export function loadQuestions(): LabelledQuestion[] {
  const text = readFileSync(new URL('../fixtures/questions.jsonl', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledQuestion);
}

/** The history a follow-up question is asked with (its first question, answered). */
export function historyFor(question: LabelledQuestion, all: readonly LabelledQuestion[]) {
  const first = all.find((candidate) => candidate.id === question.followUpOf);
  return first ? [{ question: first.question, answer: '' }] : [];
}
