import path from 'node:path';
import { renderPassages } from '../../src/answering/prompt/build-prompt.js';
import type { Prompts } from '../../src/answering/prompt/prompts.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import type { Article } from '../../src/articles/types.js';
import { createTokenCounter } from '../../src/text/token-count.js';
import { historyFor, loadQuestions } from '../../tests/helpers/questions.js';
import { ANSWERABLE_KINDS } from '../eval/types.js';

/** One question of a cost run, with the paragraphs that answer it (empty when none do). */
export interface CostQuestion {
  readonly question: string;
  readonly gold: readonly number[];
  readonly history: readonly { readonly question: string; readonly answer: string }[];
}

/** A story and the questions asked about it. */
export interface CostStory {
  readonly label: string;
  readonly article: Article;
  /** Tokens of the story's paragraphs as the prompt shows them. */
  readonly tokens: number;
  readonly questions: readonly CostQuestion[];
  /** Whether the gold paragraphs are the eval's labels (seed story) or the paragraph a question was made from. */
  readonly labelled: boolean;
}

const countTokens = createTokenCounter();
const storyTokens = (prompts: Prompts, article: Article) =>
  countTokens(
    renderPassages(
      prompts,
      article.paragraphs.map((paragraph) => ({ article, paragraph, score: 0 })),
    ),
  );

/** The seed story with the eval's 70 labelled questions (follow-ups asked after their first question). */
export async function seedStory(prompts: Prompts, article: Article): Promise<CostStory> {
  const all = loadQuestions();
  const questions = all.map((labelled) => ({
    question: labelled.question,
    gold: ANSWERABLE_KINDS.includes(labelled.kind) ? labelled.gold : [],
    history: historyFor(labelled, all),
  }));
  return {
    label: 'seed story',
    article,
    tokens: await storyTokens(prompts, article),
    questions,
    labelled: true,
  };
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'and',
  'of',
  'to',
  'in',
  'on',
  'for',
  'with',
  'that',
  'this',
  'said',
  'has',
]);

// A question made from a paragraph: a few of its content words, so retrieval has something to find.
function questionFrom(text: string, variant: number): string {
  const words = (text.match(/[A-Za-z][A-Za-z'-]{3,}/g) ?? []).filter((word) => !STOP.has(word.toLowerCase()));
  const pick = variant === 0 ? words.slice(0, 6) : words.slice(-6);
  return variant === 0
    ? `What does the article say about ${pick.join(' ')}?`
    : `Tell me about ${pick.join(' ')}.`;
}

/**
 * Corpus stories closest to each token length, with up to `perStory` questions made from their own
 * paragraphs (two per paragraph: from its first and its last words), in a fixed shuffled order.
 */
export async function corpusStories(
  prompts: Prompts,
  corporaDir: string,
  targets: readonly number[],
  perStory: number,
): Promise<CostStory[]> {
  const { articles } = await loadArticles(path.join(corporaDir, 'bbc'), { recursive: true });
  // Characters per token are about 4 to 5 in news English: counting a shortlist by characters first keeps this quick.
  const chars = (article: Article) => article.paragraphs.reduce((sum, p) => sum + p.text.length, 0);
  const stories: CostStory[] = [];
  for (const target of targets) {
    const shortlist = [...articles]
      .filter((article) => article.paragraphs.length >= 4)
      .sort((a, b) => Math.abs(chars(a) - target * 4.6) - Math.abs(chars(b) - target * 4.6))
      .slice(0, 12);
    const counted = await Promise.all(
      shortlist.map(async (article) => ({ article, tokens: await storyTokens(prompts, article) })),
    );
    const best = counted.sort((a, b) => Math.abs(a.tokens - target) - Math.abs(b.tokens - target))[0];
    if (!best) continue;
    // Each paragraph's first-words question, then each one's last-words question: neighbours differ in paragraph.
    const questions = [0, 1]
      .flatMap((variant) =>
        best.article.paragraphs.map((paragraph) => ({
          question: questionFrom(paragraph.text, variant),
          gold: [paragraph.n],
          history: [],
        })),
      )
      .slice(0, perStory);
    stories.push({
      label: `corpus ~${target}`,
      article: best.article,
      tokens: best.tokens,
      questions,
      labelled: false,
    });
  }
  return stories;
}
