import path from 'node:path';
import { loadPrompts } from '../../src/answering/prompt/prompts.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import { loadConfig } from '../../src/config/load-config.js';
import { DATA_DIR, ROOT } from '../lib/corpora.js';
import { pricesOf, type ModelPrices } from './prices.js';
import { costTable, storyFigures, summarise, type StoryFigures } from './report.js';
import { FAKE_TTFT, runLayout } from './run-layout.js';
import { corpusStories, seedStory, type CostStory } from './stories.js';

/** The cost section's figures, for bench.json. */
export interface CostFigures {
  readonly model: string;
  readonly prices: ModelPrices;
  readonly contextBudget: number;
  readonly fakeTtft: typeof FAKE_TTFT;
  readonly stories: readonly StoryFigures[];
}

/** Corpus story lengths measured (tokens of their paragraphs); the last is over the default budget. */
const TARGETS = [300, 700, 1_200, 1_900, 3_000];

/**
 * Old layout (top passages by rank; STORYBOT_CONTEXT_BUDGET=0) against the new one (stories within the
 * budget sent whole in a cacheable prefix) on the seed story's labelled questions and on BBC stories of
 * several lengths, priced at the configured model's prices (OPENAI_MODEL; gpt-4.1-mini by default).
 */
export async function measureCost(
  corporaDir: string | undefined,
  say: (text: string) => void,
): Promise<CostFigures> {
  const config = loadConfig(process.env);
  const priced = pricesOf(config.OPENAI_MODEL) ?? pricesOf('gpt-4.1-mini');
  if (!priced) throw new Error('no prices for gpt-4.1-mini');
  if (priced.model !== config.OPENAI_MODEL.replace(/-\d{4}-\d{2}-\d{2}$/, ''))
    say(`No prices for ${config.OPENAI_MODEL} in bench/cost/prices.ts: using ${priced.model}'s.`);
  const prompts = await loadPrompts(path.join(ROOT, 'prompts'));
  const [seed] = (await loadArticles(DATA_DIR)).articles;
  if (!seed) throw new Error(`no seed story in ${DATA_DIR}`);
  const stories: CostStory[] = [
    await seedStory(prompts, seed),
    ...(corporaDir ? await corpusStories(prompts, corporaDir, TARGETS, 24) : []),
  ];
  const rows: StoryFigures[] = [];
  for (const story of stories) {
    const old = summarise(await runLayout(story, prompts, 0), priced.prices);
    const now = summarise(await runLayout(story, prompts, config.STORYBOT_CONTEXT_BUDGET), priced.prices);
    rows.push(storyFigures(story, old, now));
  }
  say(
    `\nPrompt layout and cost at ${priced.model} prices ($${priced.prices.input} input, $${priced.prices.cachedInput} cached input, $${priced.prices.output} output per 1M tokens), STORYBOT_CONTEXT_BUDGET=${config.STORYBOT_CONTEXT_BUDGET}; old = top ${config.STORYBOT_TOP_K} passages by rank, new = the story whole in a cacheable prefix when it fits. Fake server: OpenAI's caching rule, TTFT ${FAKE_TTFT.baseMs} ms + ${FAKE_TTFT.perUncachedTokenMs} ms per uncached prompt token. Means per model call; * gold = the paragraph a made-up question came from:`,
  );
  say(costTable(rows));
  return {
    model: priced.model,
    prices: priced.prices,
    contextBudget: config.STORYBOT_CONTEXT_BUDGET,
    fakeTtft: FAKE_TTFT,
    stories: rows,
  };
}
