import type { Article } from '../../src/articles/types.js';
import type { LabelledQuestion } from '../../tests/helpers/questions.js';

/** One question of a benchmark run; a follow-up names the earlier question it continues. */
export interface WorkItem {
  readonly key: string;
  readonly question: string;
  readonly followUpOf?: string;
}

/** The labelled questions about the story, repeated in order until `count` (follow-ups keep their pair). */
export function labelledWorkload(questions: readonly LabelledQuestion[], count: number): WorkItem[] {
  const rounds = Math.ceil(count / questions.length);
  const items: WorkItem[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const { id, question, followUpOf } of questions) {
      items.push({
        key: `${round}:${id}`,
        question,
        ...(followUpOf !== undefined && { followUpOf: `${round}:${followUpOf}` }),
      });
    }
  }
  return items;
}

/** A small seeded generator (LCG), so every run asks the same questions. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Questions about other stories: the headline of a randomly chosen article as a question. Each
 * reaches a story whose paragraph index is not built yet, so lazy index building is measured too.
 */
export function headlineWorkload(
  articles: readonly Article[],
  storyId: string,
  count: number,
  seed = 7,
): WorkItem[] {
  const others = articles.filter((article) => article.id !== storyId);
  if (others.length === 0) return [];
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const article = others[Math.floor(random() * others.length)] ?? others[0];
    return { key: `h${index}`, question: `What happened: ${article?.title ?? ''}?` };
  });
}
