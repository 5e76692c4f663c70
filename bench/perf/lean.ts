import { cp, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeOpenAi } from '../../tests/helpers/fake-openai.js';
import { createQuotingModel } from '../../tests/helpers/quoting-model.js';
import { loadQuestions } from '../../tests/helpers/questions.js';
import { ROOT } from '../lib/corpora.js';
import { round, summarize } from '../lib/stats.js';
import { isolatedEnv } from './process-start.js';
import { mediansOf, runStorybot, type ProcessRun } from './lean-runs.js';

/** Start-up and memory of the real process (issue 23), each figure the median of fresh processes. */
export interface LeanFigures {
  readonly runs: number;
  readonly loadAverage: readonly number[];
  readonly askNoKey: { wallMs: number; cpuMs: number; peakRssMb: number; firstQuestionMs: number };
  readonly help: { wallMs: number; cpuMs: number };
  readonly askWithKey: { wallMs: number; cpuMs: number; peakRssMb: number; llmMs: number; localMs: number };
  readonly batch: { questions: number; perExtraQuestionMs: number; perExtraQuestionCpuMs: number };
}

const QUESTION = 'What is Salt Typhoon?';

const firstQuestion = (run: ProcessRun) =>
  (JSON.parse(run.stdout) as { timingsMs: { total: number; llm: number; local?: number } }).timingsMs;

async function repeat(runs: number, once: () => Promise<ProcessRun>): Promise<ProcessRun[]> {
  const results: ProcessRun[] = [];
  for (let i = 0; i < runs; i += 1) results.push(await once());
  return results;
}

/**
 * Runs `storybot --help`, `ask` without and with a key (fake model on loopback) and `ask --batch`
 * in fresh processes over data/, with a cache folder warmed by one unmeasured run (stories are
 * analysed and counted once, as `storybot add` or the first start does). `root` is the checkout
 * whose dist/ runs (another one to compare, e.g. a build of the previous release).
 */
export async function measureLean(runs: number, root = ROOT): Promise<LeanFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-lean-'));
  const quoting = createQuotingModel();
  const fake = await startFakeOpenAi({ chat: (body) => quoting(body) });
  try {
    await cp(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
    const plain = isolatedEnv({
      STORYBOT_CACHE_DIR: path.join(dir, 'cache'),
      STORYBOT_VAR_DIR: path.join(dir, 'var'),
      STORYBOT_DATA_DIR: path.join(dir, 'data'),
    });
    const keyed = { ...plain, OPENAI_API_KEY: 'sk-bench-0000', OPENAI_BASE_URL: fake.baseURL };
    const ask = (env: Record<string, string>) => runStorybot(['ask', QUESTION, '--json'], env, '', root);
    await ask(plain);
    await ask(keyed);
    const noKey = await repeat(runs, () => ask(plain));
    const help = await repeat(runs, () => runStorybot(['--help'], plain, '', root));
    const withKey = await repeat(runs, () => ask(keyed));
    const questions = loadQuestions()
      .filter((question) => question.followUpOf === undefined)
      .map((question) => question.question);
    const lines = Array.from({ length: 200 }, (_, index) => questions[index % questions.length]).join('\n');
    const one = await repeat(runs, () => runStorybot(['ask', '--batch'], plain, `${QUESTION}\n`, root));
    const many = await repeat(runs, () => runStorybot(['ask', '--batch'], plain, `${lines}\n`, root));
    const [single, batch] = [mediansOf(one), mediansOf(many)];
    const timings = withKey.map(firstQuestion);
    return {
      runs,
      loadAverage: loadavg().map((value) => round(value, 2)),
      askNoKey: {
        ...mediansOf(noKey),
        firstQuestionMs: round(summarize(noKey.map((run) => firstQuestion(run).total)).median, 1),
      },
      help: mediansOf(help),
      askWithKey: {
        ...mediansOf(withKey),
        llmMs: round(summarize(timings.map((timing) => timing.llm)).median, 1),
        localMs: round(
          summarize(timings.map((timing) => timing.local ?? timing.total - timing.llm)).median,
          1,
        ),
      },
      batch: {
        questions: 200,
        perExtraQuestionMs: round((batch.wallMs - single.wallMs) / 199, 2),
        perExtraQuestionCpuMs: round((batch.cpuMs - single.cpuMs) / 199, 2),
      },
    };
  } finally {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}
