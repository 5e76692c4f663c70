import path from 'node:path';
import { loadavg } from 'node:os';
import { loadArticles } from '../src/articles/load-articles.js';
import { ROOT } from './lib/corpora.js';
import { renderTable } from './lib/table.js';
import { MODEL, measureStreaming, type StreamingFigures } from './perf/streaming.js';
import { measureStop, STOP_MODEL, type StopFigures } from './perf/stop-latency.js';

const load = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

/** Stop while the model writes: press to the "Stopped" edit at 1 and 10 answers at once. */
export async function runStopBench(say: (text: string) => void): Promise<StopFigures[]> {
  const figures: StopFigures[] = [];
  const loads: string[] = [];
  for (const answers of [1, 10]) {
    loads.push(load());
    figures.push(await measureStop(answers));
  }
  const rows = figures.map((f, i) => [
    String(f.answers),
    `${f.pressToEditMs.median} / ${f.pressToEditMs.p95} / ${f.pressToEditMs.max}`,
    `${f.pressToAckMs.median} / ${f.pressToAckMs.p95} / ${f.pressToAckMs.max}`,
    `${f.ackToEditMs.median} / ${f.ackToEditMs.p95} / ${f.ackToEditMs.max}`,
    String(f.eventLoopMaxMs),
    String(f.missing),
    String(f.fallbacks),
    String(f.warnings),
    loads[i] ?? '?',
  ]);
  say(
    `\nStop while the model writes (real bot and engine, loopback Discord, streaming fake model: ${STOP_MODEL.timeToFirstTokenMs} ms, then ${STOP_MODEL.tokensPerSecond} tokens/s; each reader presses Stop once its first claim is on screen), ms from the press to the "Stopped" edit, median / p95 / max:\n${renderTable(
      [
        'answers at once',
        'press to "Stopped" edit',
        'press to its ack',
        'ack to edit',
        'event loop max',
        'no edit',
        'fallbacks built',
        'warnings',
        'load average (1 5 15 min)',
      ],
      rows,
    )}`,
  );
  return figures;
}

/** The streaming section of `npm run bench` (also `npm run bench:streaming`). */
export async function runStreamingBench(say: (text: string) => void): Promise<StreamingFigures[]> {
  const { articles } = await loadArticles(path.join(ROOT, 'data'));
  const figures: StreamingFigures[] = [];
  for (const users of [1, 10, 100])
    for (const streaming of [false, true]) figures.push(await measureStreaming(articles, users, streaming));
  const rows = figures.map((f) => [
    String(f.users),
    f.streaming ? 'streaming' : 'one edit',
    `${f.firstClaimMs.median} / ${f.firstClaimMs.p95}`,
    `${f.firstClaimAfterWritingMs.median} / ${f.firstClaimAfterWritingMs.p95}`,
    `${f.firstClaimAfterCompleteMs.median} / ${f.firstClaimAfterCompleteMs.p95}`,
    `${f.finalMs.median} / ${f.finalMs.p95}`,
    String(f.rateLimited),
  ]);
  say(
    `\nStreaming on Discord (in-process bot, loopback Discord with its 5-per-5-s edit limit; fake model: ${MODEL.firstTokenMs} ms, then ${MODEL.tokensPerSecond} tokens/s; load average ${loadavg()
      .map((v) => v.toFixed(1))
      .join(
        ' ',
      )}; the model completes the first claim ${figures[0]?.firstClaimReadyMs ?? '?'} ms after the question), ms median / p95:\n${renderTable(
      [
        'users',
        'answer',
        'first claim on screen',
        'after model starts writing',
        'after claim complete',
        'final answer',
        '429s',
      ],
      rows,
    )}`,
  );
  await runStopBench(say);
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runStreamingBench((text) => process.stdout.write(`${text}\n`)).catch((error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
