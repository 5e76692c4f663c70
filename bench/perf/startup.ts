import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeOpenAi } from '../../tests/helpers/fake-openai.js';
import { ROOT } from '../lib/corpora.js';
import { summarize } from '../lib/stats.js';
import { EMBEDDING_DIMENSIONS } from './embedding-starts.js';
import { askOnce, isolatedEnv, startConsole, type ProcessStart } from './process-start.js';

/** Several starts of one kind: median time to ready, memory at ready, requests made. */
export interface StartScenario {
  readonly scenario: string;
  readonly runs: number;
  readonly readyMsMedian: number;
  readonly readyMsMax: number;
  readonly rssMb: number | null;
  readonly peakRssMb: number | null;
  readonly embeddingRequestsPerStart?: number;
}

async function newestMtime(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const times = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => stat(path.join(entry.parentPath, entry.name)).then((info) => info.mtimeMs)),
  );
  return Math.max(0, ...times);
}

/** Why the built bot cannot be measured as it is (missing or older than src/), or undefined. */
export async function distProblem(): Promise<string | undefined> {
  const built = await stat(path.join(ROOT, 'dist', 'index.js')).then(
    (info) => info.mtimeMs,
    () => undefined,
  );
  if (built === undefined) return 'dist/index.js is missing: run `npm run build` first';
  const [source, output] = await Promise.all([
    newestMtime(path.join(ROOT, 'src')),
    newestMtime(path.join(ROOT, 'dist')),
  ]);
  return source > output
    ? 'dist/ is older than src/: run `npm run build` to measure the current code'
    : undefined;
}

function scenario(name: string, starts: readonly ProcessStart[], requests?: number): StartScenario {
  const ready = summarize(starts.map((start) => start.readyMs));
  const last = starts.at(-1);
  return {
    scenario: name,
    runs: starts.length,
    readyMsMedian: ready.median,
    readyMsMax: ready.max,
    rssMb: last?.rssMb ?? null,
    peakRssMb: last?.peakRssMb ?? null,
    ...(requests !== undefined && { embeddingRequestsPerStart: requests }),
  };
}

/**
 * Starts the real bot (console mode, data/) several times: without a key; with a key and
 * embeddings on an empty cache (first start); and again on the warm cache (later starts).
 * Also times one whole `storybot ask` run.
 */
export async function measureStartup(
  runs: number,
): Promise<{ scenarios: StartScenario[]; askMsMedian: number }> {
  const plain = isolatedEnv({});
  const starts: ProcessStart[] = [];
  for (let i = 0; i < runs; i += 1) starts.push(await startConsole(plain));
  const asks: number[] = [];
  for (let i = 0; i < runs; i += 1) asks.push(await askOnce(plain, 'What is Salt Typhoon?'));

  const fake = await startFakeOpenAi({ embeddingDimensions: EMBEDDING_DIMENSIONS });
  const cold: ProcessStart[] = [];
  const warm: ProcessStart[] = [];
  let coldRequests = 0;
  let warmRequests = 0;
  try {
    for (let i = 0; i < runs; i += 1) {
      const cache = await mkdtemp(path.join(tmpdir(), 'storybot-cache-'));
      const env = isolatedEnv({
        OPENAI_API_KEY: 'sk-bench-0000',
        OPENAI_BASE_URL: fake.baseURL,
        STORYBOT_CACHE_DIR: cache,
        STORYBOT_VAR_DIR: cache,
      });
      let before = fake.embeddingCalls;
      cold.push(await startConsole(env));
      coldRequests += fake.embeddingCalls - before;
      before = fake.embeddingCalls;
      warm.push(await startConsole(env));
      warmRequests += fake.embeddingCalls - before;
      await rm(cache, { recursive: true, force: true });
    }
  } finally {
    await fake.close();
  }
  return {
    scenarios: [
      scenario('no key (extractive)', starts),
      scenario('key + embeddings, empty cache (first start)', cold, coldRequests / runs),
      scenario('key + embeddings, warm cache (later start)', warm, warmRequests / runs),
    ],
    askMsMedian: summarize(asks).median,
  };
}
