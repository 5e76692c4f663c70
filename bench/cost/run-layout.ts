import { performance } from 'node:perf_hooks';
import type { Prompts } from '../../src/answering/prompt/prompts.js';
import { createEngine } from '../../src/engine/create-engine.js';
import { createLogger } from '../../src/logging/logger.js';
import { ROOT, testConfig } from '../../tests/helpers/engine.js';
import { startFakeOpenAi } from '../../tests/helpers/fake-openai.js';
import type { FakeTimeToFirstToken } from '../../tests/helpers/fake-prompt-cache.js';
import { createQuotingModel, readPrompt } from '../../tests/helpers/quoting-model.js';
import type { CostStory } from './stories.js';

/** What one model call cost and how long its first token took. */
export interface CallFigures {
  readonly promptTokens: number;
  readonly cachedTokens: number;
  readonly completionTokens: number;
  /** Measured by the client: request sent to reply read (the fake does not stream, so this is the first token). */
  readonly ttftMs: number;
  /** All gold paragraphs were in the prompt (null for a question without gold paragraphs). */
  readonly goldInPrompt: boolean | null;
}

/** The fake server's speed: a fixed part and a part per prompt token it must compute. */
export const FAKE_TTFT: FakeTimeToFirstToken = { baseMs: 40, perUncachedTokenMs: 0.1 };

/**
 * Asks a story's questions in order through the real engine (createEngine, one story loaded) against a
 * fake OpenAI server with OpenAI's prompt-caching rule, with the given context budget: 0 is the layout
 * before issue 14 (top passages by rank), the default sends stories that fit whole in a cacheable prefix.
 */
export async function runLayout(
  story: CostStory,
  prompts: Prompts,
  contextBudget: number,
): Promise<CallFigures[]> {
  const fake = await startFakeOpenAi({
    chat: createQuotingModel(),
    promptCache: true,
    timeToFirstToken: FAKE_TTFT,
  });
  try {
    const config = testConfig({ baseURL: fake.baseURL, timeoutMs: 30_000, contextBudget });
    const engine = await createEngine(config, {
      root: ROOT,
      logger: createLogger({ level: 'silent' }),
      articles: [story.article],
      prompts,
      loadSemantic: () => Promise.resolve(undefined),
      loadBudget: () => Promise.resolve(undefined),
    });
    const calls: CallFigures[] = [];
    for (const { question, gold, history } of story.questions) {
      const before = fake.chatBodies.length;
      const started = performance.now();
      const answer = await engine.answerer.answer({ question, history });
      const body = fake.chatBodies[before];
      if (!body || answer.usage.promptTokens === 0) continue;
      const sent = new Set(readPrompt(body).passages.map((passage) => passage.paragraph));
      calls.push({
        promptTokens: answer.usage.promptTokens,
        cachedTokens: answer.usage.cachedTokens ?? 0,
        completionTokens: answer.usage.completionTokens,
        ttftMs: answer.timingsMs.llm || performance.now() - started,
        goldInPrompt: gold.length === 0 ? null : gold.every((n) => sent.has(`¶${n}`)),
      });
    }
    return calls;
  } finally {
    await fake.close();
  }
}
