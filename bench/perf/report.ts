import { fixed, renderTable, type Cell } from '../lib/table.js';
import type { LoadFigures } from './discord-e2e.js';
import type { ShardFigures } from './shards.js';
import type { EmbeddingStartFigures } from './embedding-starts.js';
import type { SizeFigures } from './overhead.js';
import type { StartScenario } from './startup.js';

/** Engine overhead, index build and memory per corpus size. */
export function sizeTable(sizes: readonly SizeFigures[]): string {
  const rows = sizes.map((size): Cell[] => [
    size.articles,
    size.paragraphs,
    fixed(size.loadMs, 0),
    fixed(size.indexMs, 0),
    fixed(size.memory.ready.rssMb, 0),
    fixed(size.memory.ready.heapUsedMb, 0),
    fixed(size.memory.afterQuestions.rssMb, 0),
    fixed(size.memory.peakRssMb, 0),
    size.story.questions,
    fixed(size.story.overheadMs.median, 3),
    fixed(size.story.overheadMs.p95, 3),
    fixed(size.story.overheadMs.p99, 3),
    fixed(size.story.retrievalMs.p99, 3),
    fixed(size.otherStories?.overheadMs.median, 3),
    fixed(size.otherStories?.overheadMs.p99, 3),
  ]);
  return renderTable(
    [
      'articles',
      'paragraphs',
      'load ms',
      'index ms',
      'RSS MB',
      'heap MB',
      'RSS after',
      'peak RSS',
      'questions',
      'median ms',
      'p95 ms',
      'p99 ms',
      'retr. p99',
      'other med',
      'other p99',
    ],
    rows,
  );
}

/** Starts of the real process. */
export function startTable(scenarios: readonly StartScenario[], askMs: number): string {
  const rows = scenarios.map((s): Cell[] => [
    s.scenario,
    s.runs,
    fixed(s.readyMsMedian, 0),
    fixed(s.readyMsMax, 0),
    fixed(s.rssMb, 0),
    s.embeddingRequestsPerStart ?? null,
  ]);
  rows.push([
    '`storybot ask` (start, load, answer, exit)',
    scenarios[0]?.runs ?? 0,
    fixed(askMs, 0),
    null,
    null,
    null,
  ]);
  return renderTable(
    [
      'start (console mode, 1 article)',
      'runs',
      'ready ms (median)',
      'max ms',
      'RSS MB',
      'embedding requests',
    ],
    rows,
  );
}

/** First against later starts with embeddings on. */
export function embeddingTable(figures: readonly EmbeddingStartFigures[]): string {
  const rows = figures.map((f): Cell[] => [
    f.articles,
    f.paragraphs,
    fixed(f.first.ms, 0),
    f.first.requests,
    f.first.textsEmbedded,
    fixed(f.later.ms, 0),
    f.later.requests,
    fixed(f.cacheFileMb, 2),
  ]);
  return renderTable(
    [
      'articles',
      'paragraphs',
      'first start ms',
      'requests',
      'texts embedded',
      'later start ms',
      'requests',
      'cache MB',
    ],
    rows,
  );
}

/** Users asking at once through the loopback Discord. */
export function loadTable(runs: readonly LoadFigures[]): string {
  const rows = runs.map((run): Cell[] => [
    run.users,
    run.maxConcurrentModelCalls,
    fixed(run.ackMs.median, 0),
    fixed(run.ackMs.p99, 0),
    fixed(run.finalMs.median, 0),
    fixed(run.finalMs.p99, 0),
    fixed(run.answersPerSecond, 2),
    fixed(run.eventLoop.p99Ms, 1),
    fixed(run.eventLoop.maxMs, 1),
    `${run.answeredExactlyOnce}/${run.users}`,
    run.violations,
    run.eventLoop.windowPeakRssMb,
    fixed(run.botReadyMs, 0),
  ]);
  return renderTable(
    [
      'users',
      'model slots',
      'ack median',
      'ack p99',
      'answer median',
      'answer p99',
      'answers/s',
      'loop p99 ms',
      'loop max',
      'one answer each',
      'violations',
      'bot RSS MB',
      'bot ready ms',
    ],
    rows,
  );
}

/** Shard runs: throughput, acknowledgement latency and memory per shard process. */
export function shardTable(runs: readonly ShardFigures[]): string {
  const rows = runs.map((run): Cell[] => [
    run.shards,
    `${run.users} / ${run.guilds}`,
    fixed(run.readyMs, 0),
    fixed(run.answersPerSecond, 1),
    fixed(run.ackMs.median, 0),
    fixed(run.ackMs.p99, 0),
    fixed(run.finalMs.p99, 0),
    run.rssMbPerShard.join(' / '),
    `${run.answered} / ${run.users}`,
    run.lateAcks,
    run.violations,
  ]);
  return renderTable(
    [
      'shards',
      'users / servers',
      'ready ms',
      'answers/s',
      'ack median ms',
      'ack p99 ms',
      'answer p99 ms',
      'RSS MB per shard',
      'answered',
      'acks > 3 s',
      'violations',
    ],
    rows,
  );
}
