import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAnswerer } from '../../src/answering/answerer.js';
import { loadPrompts } from '../../src/answering/prompt/prompts.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import { createLogger } from '../../src/logging/logger.js';
import { createRetriever } from '../../src/retrieval/retriever.js';
import { loadQuestions } from '../../tests/helpers/questions.js';
import { parseFlags, stringFlag } from '../lib/args.js';
import { ROOT } from '../lib/corpora.js';
import { round } from '../lib/stats.js';
import { createInstantLlm } from './instant-llm.js';
import { measureQuestions } from './measure-questions.js';
import { memoryNow, WORKER_RESULT } from './memory.js';
import { headlineWorkload, labelledWorkload } from './workload.js';

// Runs in its own process per corpus size, so memory figures belong to that size alone.
async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), ['dir', 'questions', 'story']);
  const dir = stringFlag(flags, 'dir', path.join(ROOT, 'data'));
  const count = Number(stringFlag(flags, 'questions', '1000'));
  const storyId = stringFlag(flags, 'story', '');
  const baseline = memoryNow();

  let started = performance.now();
  const { articles } = await loadArticles(dir, { recursive: true });
  const prompts = await loadPrompts(path.join(ROOT, 'prompts'));
  const loadMs = performance.now() - started;
  started = performance.now();
  const retriever = createRetriever({ articles });
  const indexMs = performance.now() - started;
  const llm = createInstantLlm();
  const answerer = createAnswerer({ retriever, prompts, llm, logger: createLogger({ level: 'silent' }) });
  const ready = memoryNow();

  const byId = new Map(articles.map((article) => [article.id, article]));
  const findArticle = (id: string) => byId.get(id);
  started = performance.now();
  await answerer.answer({ question: 'What is Salt Typhoon?' });
  const firstQuestionMs = performance.now() - started;
  // One uncounted pass warms the JIT, as a bot that has been up a while would be.
  await measureQuestions(answerer, llm, labelledWorkload(loadQuestions(), 1), findArticle);
  const story = await measureQuestions(answerer, llm, labelledWorkload(loadQuestions(), count), findArticle);
  const others = await measureQuestions(
    answerer,
    llm,
    headlineWorkload(articles, storyId, articles.length > 1 ? count : 0),
    findArticle,
  );
  const after = memoryNow();

  const result = {
    articles: articles.length,
    paragraphs: articles.reduce((sum, article) => sum + article.paragraphs.length, 0),
    loadMs: round(loadMs, 1),
    indexMs: round(indexMs, 1),
    firstQuestionMs: round(firstQuestionMs, 2),
    memory: {
      baseline,
      ready,
      afterQuestions: after,
      peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    },
    story,
    ...(others.questions > 0 && { otherStories: others }),
  };
  process.stdout.write(`${WORKER_RESULT}${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `overhead worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
