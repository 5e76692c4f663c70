import { STORY_ID } from '../eval/story.js';
import { DATA_DIR, linkStoryWithDistractors, listArticleFiles } from '../lib/corpora.js';
import type { MemoryFigures } from './memory.js';
import type { OverheadFigures } from './measure-questions.js';
import { runWorker } from './run-worker.js';

/** What one corpus size cost: loading, indexing, memory, and per-question overhead. */
export interface SizeFigures {
  readonly articles: number;
  readonly paragraphs: number;
  readonly loadMs: number;
  readonly indexMs: number;
  readonly firstQuestionMs: number;
  readonly memory: {
    readonly baseline: MemoryFigures;
    readonly ready: MemoryFigures;
    readonly afterQuestions: MemoryFigures;
    readonly peakRssMb: number;
  };
  /** The labelled questions about the story, repeated. */
  readonly story: OverheadFigures;
  /** Headlines of other articles as questions (each builds a paragraph index on first use). */
  readonly otherStories?: OverheadFigures;
}

/**
 * Measures engine overhead with the story plus `size - 1` corpus articles, each size in a fresh
 * process. Size 1 loads data/ itself; larger sizes load a folder of symlinks to the corpus files.
 */
export async function measureSize(
  size: number,
  corporaDir: string | undefined,
  questions: number,
): Promise<SizeFigures> {
  const args = (dir: string) => ['--dir', dir, '--questions', String(questions), '--story', STORY_ID];
  if (size <= 1) return runWorker<SizeFigures>('bench/perf/overhead-worker.ts', args(DATA_DIR));
  if (!corporaDir) throw new Error('larger sizes need the corpora folder');
  const files = await listArticleFiles(corporaDir);
  const folder = await linkStoryWithDistractors(corporaDir, files, size - 1);
  try {
    return await runWorker<SizeFigures>('bench/perf/overhead-worker.ts', args(folder.dir));
  } finally {
    await folder.remove();
  }
}
