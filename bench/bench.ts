import path from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadArticles } from '../src/articles/load-articles.js';
import { measureCost, type CostFigures } from './cost/run-cost.js';
import { parseFlags, stringFlag } from './lib/args.js';
import {
  DEFAULT_CORPORA_DIR,
  docFiles,
  folderExists,
  linkStoryWithDistractors,
  listArticleFiles,
  ROOT,
  SHARED,
  SHIPPED,
} from './lib/corpora.js';
import { sourcesHeader, storyAndSharedLines } from './lib/sources.js';
import { createFigureRecorder, writeFigureBlocks } from './lib/doc-figures.js';
import { machineInfo } from './lib/machine.js';
import { writeJson } from './lib/write-json.js';
import { measureDiscordLoad, type LoadFigures } from './perf/discord-e2e.js';
import { measureEmbeddingStarts, type EmbeddingStartFigures } from './perf/embedding-starts.js';
import { groundingCheckTable, measureGroundingCheck } from './perf/grounding-check.js';
import { measureSize, type SizeFigures } from './perf/overhead.js';
import { embeddingTable, loadTable, sizeTable, startTable } from './perf/report.js';
import { measureLean, type LeanFigures } from './perf/lean.js';
import { leanTable } from './perf/lean-report.js';
import { distProblem, measureStartup } from './perf/startup.js';
import { runShardBench } from './shards.js';
import { runStreamingBench } from './streaming.js';

const USAGE =
  'npm run bench [-- --quick] [--write-docs] [--questions N] [--corpora DIR] [--out FILE] [--skip-discord] [--skip-startup] [--skip-lean] [--skip-shards] [--skip-streaming] [--cost-only]';
// What is said in a section becomes that figures block in docs/ with --write-docs.
const figures = createFigureRecorder((text) => process.stdout.write(`${text}\n`));
const say = (text: string): void => figures.say(text);

async function embeddingSizes(
  sizes: readonly number[],
  corporaDir: string | undefined,
): Promise<EmbeddingStartFigures[]> {
  const files = corporaDir ? await listArticleFiles(corporaDir) : [];
  const results: EmbeddingStartFigures[] = [];
  for (const size of sizes) {
    if (size > 1 && !corporaDir) continue;
    const folder = await linkStoryWithDistractors(corporaDir ?? '', files, size - 1);
    try {
      results.push(
        await measureEmbeddingStarts((await loadArticles(folder.dir, { recursive: true })).articles),
      );
    } finally {
      await folder.remove();
    }
  }
  return results;
}

async function main(argv: readonly string[]): Promise<void> {
  const flags = parseFlags(argv, [
    'quick',
    'questions',
    'corpora',
    'out',
    'skip-discord',
    'skip-startup',
    'skip-lean',
    'skip-shards',
    'skip-streaming',
    'cost-only',
    'write-docs',
    'help',
  ]);
  if (flags.has('help')) return say(USAGE);
  const quick = flags.has('quick');
  const questions = Number(stringFlag(flags, 'questions', '1000'));
  const out = path.resolve(stringFlag(flags, 'out', path.join(ROOT, 'reports', 'bench.json')));
  const corporaPath = path.resolve(stringFlag(flags, 'corpora', DEFAULT_CORPORA_DIR));
  const corporaDir = (await folderExists(corporaPath)) ? corporaPath : undefined;
  const started = performance.now();
  const machine = {
    ...machineInfo(),
    loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
  };
  const skipped = (flag: string, what: string) =>
    flags.has(flag) ? `skipped: ${what} (--${flag})` : `measured: ${what}`;
  say(
    sourcesHeader('npm run bench: speed, memory and scale (fake model servers on loopback; no real model)', [
      ...storyAndSharedLines(SHIPPED, SHARED),
      corporaDir
        ? `measured: scale from 1 to ${quick ? '2,226' : 'all'} articles (the story among the corpora at ${corporaDir})`
        : `skipped: scale beyond one article, because there are no corpora at ${corporaPath}`,
      skipped('skip-startup', 'process start-up (needs npm run build)'),
      skipped('skip-discord', 'end to end through the loopback Discord'),
      skipped('skip-shards', 'shards with Redis'),
      skipped('skip-streaming', 'streaming'),
    ]),
  );
  say(
    `storybot bench on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node} (load average ${machine.loadAverageAtStart.join(' ')})`,
  );
  if (!corporaDir) say(`No corpora at ${corporaPath}: measuring one article only.`);

  figures.section('bench-cost');
  const cost: CostFigures = await measureCost(corporaDir, say);
  if (flags.has('cost-only')) {
    await writeJson(out, { generatedAt: new Date().toISOString(), machine, cost });
    return say(`\nFigures written to ${path.relative(process.cwd(), out) || out}`);
  }

  const all = corporaDir ? 1 + (await listArticleFiles(corporaDir)).length : 1;
  const sizes = corporaDir ? [1, 100, 2_226, ...(quick ? [] : [all])] : [1];
  figures.section('bench-scale');
  const scale: SizeFigures[] = [];
  for (const size of sizes) scale.push(await measureSize(size, corporaDir, questions));
  say(
    '\nEngine overhead per question, model excluded (instant in-process quoting model; load, retrieval, prompt, verification, Discord rendering):',
  );
  say(sizeTable(scale));

  const embeddings = await embeddingSizes(corporaDir ? [1, 100, ...(quick ? [] : [2_226])] : [1], corporaDir);
  say(
    '\nEmbeddings on (real SDK to a fake server, 1536 dimensions, batches of 96): first start (empty cache) against a later one:',
  );
  say(embeddingTable(embeddings));

  const dist = await distProblem();
  const skipProcess = (what: string, flag: string) =>
    flags.has(flag) ? `${what} skipped (--${flag})` : dist ? `${what} skipped: ${dist}` : undefined;
  figures.section('bench-startup');
  const startupSkip = skipProcess('process start-up', 'skip-startup');
  const startup = startupSkip ? undefined : await measureStartup(quick ? 3 : 5);
  say(
    startup
      ? `\nStart-up of the real process (node dist/index.js):\n${startTable(startup.scenarios, startup.askMsMedian)}`
      : `\n${startupSkip}`,
  );

  // Start-up and memory (issue 23): fresh processes, against the previous release's figures.
  const leanSkip = skipProcess('start-up and memory', 'skip-lean');
  const lean: LeanFigures | undefined = leanSkip ? undefined : await measureLean(quick ? 5 : 9);
  if (leanSkip) say(`\n${leanSkip}`);
  const bot = leanSkip ? undefined : await measureDiscordLoad(200, 100);

  figures.section('bench-discord');
  const discordSkip = skipProcess('Discord end-to-end', 'skip-discord');
  const discord: LoadFigures[] = [];
  if (!discordSkip) {
    for (const users of [1, 10, 100]) discord.push(await measureDiscordLoad(users));
    if (!quick) discord.push(await measureDiscordLoad(100, 100));
  }
  say(
    discordSkip
      ? `\n${discordSkip}`
      : `\nEnd to end through the loopback Discord (real bot process, fake model 800 ms, all users ask at once):\n${loadTable(discord)}`,
  );

  const groundingCheck = await measureGroundingCheck();
  say(
    `\nGROUNDING_CHECK=model against the code check alone (fake judge; answerable questions of the eval):\n${groundingCheckTable(groundingCheck)}`,
  );

  figures.section('bench-shards');
  const shards = flags.has('skip-shards')
    ? (say('\nShards skipped (--skip-shards)'), [])
    : await runShardBench(say);

  figures.section('bench-streaming');
  const streaming = flags.has('skip-streaming')
    ? (say('\nStreaming skipped (--skip-streaming)'), [])
    : await runStreamingBench(say);

  const totalS = Number(((performance.now() - started) / 1000).toFixed(1));
  if (lean) {
    const context = {
      lean,
      ...(bot && { bot: { idleRssMb: bot.eventLoop.idleRssMb, peakRssMb: bot.eventLoop.windowPeakRssMb } }),
      shardRssMb: shards.flatMap((figures) => figures.rssMbPerShard),
      engineMedianMs: scale[0]?.story.overheadMs.median,
      benchS: totalS,
      quick,
    };
    say(
      `\nStart-up and memory (fresh processes, median of ${lean.runs}; load average ${lean.loadAverage.join(' ')}):\n${leanTable(context)}`,
    );
  }
  await writeJson(out, {
    generatedAt: new Date().toISOString(),
    machine,
    quick,
    questions,
    totalS,
    cost,
    scale,
    embeddings,
    startup,
    lean,
    leanBot: bot,
    discord,
    groundingCheck,
    shards,
    streaming,
  });
  figures.section('none');
  say(`\nDone in ${totalS} s. Figures written to ${path.relative(process.cwd(), out) || out}`);
  if (flags.has('write-docs'))
    say(
      `Docs rewritten: ${(await writeFigureBlocks(await docFiles(), figures.blocks(`npm run bench${quick ? ' -- --quick' : ''}`))).join(', ') || 'none'}`,
    );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n${USAGE}\n`,
  );
  process.exitCode = 1;
});
