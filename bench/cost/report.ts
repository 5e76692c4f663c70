import { mean } from '../lib/stats.js';
import { percent, renderTable } from '../lib/table.js';
import { costOf, type ModelPrices } from './prices.js';
import type { CallFigures } from './run-layout.js';
import type { CostStory } from './stories.js';

/** The figures of one story under one layout. */
export interface LayoutFigures {
  readonly calls: number;
  readonly promptTokens: number;
  readonly cachedTokens: number;
  readonly completionTokens: number;
  /** Dollars per 1,000 model answers: input only, and with the fake's output tokens. */
  readonly inputCostPer1000: number;
  readonly costPer1000: number;
  readonly ttftMsMedian: number;
  readonly goldInPrompt: number | null;
}

/** One story's row: the layout before issue 14 against the new one. */
export interface StoryFigures {
  readonly label: string;
  readonly articleId: string;
  readonly paragraphs: number;
  readonly storyTokens: number;
  readonly questions: number;
  readonly labelled: boolean;
  readonly old: LayoutFigures;
  readonly new: LayoutFigures;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

/** Means per call of one layout's calls, priced at `prices`. */
export function summarise(calls: readonly CallFigures[], prices: ModelPrices): LayoutFigures {
  const withGold = calls.filter((call) => call.goldInPrompt !== null);
  const per1000 = (input: boolean) =>
    1000 *
    (mean(
      calls.map((call) =>
        costOf(prices, {
          prompt: call.promptTokens,
          cached: call.cachedTokens,
          completion: input ? 0 : call.completionTokens,
        }),
      ),
    ) ?? 0);
  return {
    calls: calls.length,
    promptTokens: mean(calls.map((call) => call.promptTokens)) ?? 0,
    cachedTokens: mean(calls.map((call) => call.cachedTokens)) ?? 0,
    completionTokens: mean(calls.map((call) => call.completionTokens)) ?? 0,
    inputCostPer1000: per1000(true),
    costPer1000: per1000(false),
    ttftMsMedian: median(calls.map((call) => call.ttftMs)),
    goldInPrompt:
      withGold.length === 0 ? null : withGold.filter((call) => call.goldInPrompt).length / withGold.length,
  };
}

/** Builds a story's figures from both runs. */
export function storyFigures(story: CostStory, old: LayoutFigures, now: LayoutFigures): StoryFigures {
  return {
    label: story.label,
    articleId: story.article.id,
    paragraphs: story.article.paragraphs.length,
    storyTokens: story.tokens,
    questions: story.questions.length,
    labelled: story.labelled,
    old,
    new: now,
  };
}

const dollars = (value: number) => `$${value.toFixed(3)}`;
const ratio = (now: number, old: number) => (old > 0 ? `${((100 * now) / old).toFixed(0)}%` : '–');

/** The old-against-new table, one line per story and layout. */
export function costTable(rows: readonly StoryFigures[]): string {
  return renderTable(
    [
      'story',
      'tokens',
      'layout',
      'calls',
      'prompt tok',
      'cached tok',
      'input $/1k',
      'total $/1k',
      'vs old',
      'TTFT med ms',
      'gold in prompt',
    ],
    rows.flatMap((row) =>
      (['old', 'new'] as const).map((which) => {
        const figures = row[which];
        return [
          which === 'old' ? `${row.label} (${row.paragraphs} ¶)` : '',
          which === 'old' ? row.storyTokens : null,
          which,
          figures.calls,
          Math.round(figures.promptTokens),
          Math.round(figures.cachedTokens),
          dollars(figures.inputCostPer1000),
          dollars(figures.costPer1000),
          which === 'new' ? ratio(figures.costPer1000, row.old.costPer1000) : '',
          Math.round(figures.ttftMsMedian),
          `${percent(figures.goldInPrompt)}${row.labelled ? '' : '*'}`,
        ];
      }),
    ),
  );
}
