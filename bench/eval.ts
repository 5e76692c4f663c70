import { stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPrompts, type Prompts } from '../src/answering/prompt/prompts.js';
import type { Article } from '../src/articles/types.js';
import { createRetriever } from '../src/retrieval/retriever.js';
import { runMessyEval, type FormFigures } from './eval/messy.js';
import { loadSquadStory } from './eval/squad-story.js';
import type { LabelledQuestion } from '../tests/helpers/questions.js';
import { renderMessyReport } from './eval/messy-report.js';
import { loadArticles } from '../src/articles/load-articles.js';
import { loadAllQuestions, loadQuestions } from '../tests/helpers/questions.js';
import { renderEvalReport } from './eval/report.js';
import { renderGateCurve, renderSquadReport } from './eval/squad-report.js';
import { runEval, type EvalReport } from './eval/run-eval.js';
import { runSquad } from './eval/squad.js';
import { runClaimsEval } from './eval/claims.js';
import { claimFigures, renderClaimFigures } from './eval/claims-report.js';
import { STORY_ID } from './eval/story.js';
import { parseFlags, stringFlag } from './lib/args.js';
import { DATA_DIR, DEFAULT_CORPORA_DIR, folderExists, ROOT } from './lib/corpora.js';
import { machineInfo } from './lib/machine.js';
import { writeJson } from './lib/write-json.js';

const USAGE = `npm run eval [-- --distractors] [--corpora DIR] [--out FILE] [--fabricate SHARE] [--misattribute SHARE] [--no-messy] [--claims-only]`;

/** Issue 20's claim sets: unsupported claims shown, faithful kept, realistic balanced accuracy. */
async function claimsRun(corporaDir: string, prompts: Prompts) {
  if (!(await folderExists(corporaDir))) {
    process.stdout.write(`claim sets skipped: no corpora folder at ${corporaDir}\n`);
    return undefined;
  }
  const started = performance.now();
  const { sets, outcomes } = await runClaimsEval({ corporaDir, prompts });
  const figures = claimFigures(sets, outcomes);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `Claims checked for meaning (code check alone; then with the model check, honest judge fake) (${seconds} s):\n\n${renderClaimFigures(figures)}\n\n`,
  );
  return { figures, outcomes: [...outcomes.values()] };
}

/** The messy-model evaluation: every real-world reply form, honest and with an invented claim. */
async function messyRun(
  title: string,
  story: Article,
  questions: readonly LabelledQuestion[],
  prompts: Prompts,
): Promise<FormFigures[]> {
  const started = performance.now();
  const articles = [story];
  const retriever = createRetriever({ articles });
  const rows = await runMessyEval({ articles, story, prompts, retriever, questions });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`\n${title} (${seconds} s):\n\n${renderMessyReport(rows)}\n`);
  return rows;
}

const fileExists = (file: string) =>
  stat(file).then(
    (info) => info.isFile(),
    () => false,
  );

async function distractorRun(
  corporaDir: string,
  base: Omit<Parameters<typeof runEval>[0], 'articles'>,
): Promise<EvalReport | { skipped: string }> {
  if (!(await folderExists(corporaDir))) {
    const skipped = `distractor run skipped: no corpora folder at ${corporaDir}`;
    process.stdout.write(`\n${skipped}\n`);
    return { skipped };
  }
  const started = performance.now();
  const [story, corpus] = await Promise.all([
    loadArticles(DATA_DIR),
    loadArticles(corporaDir, { recursive: true }),
  ]);
  const articles = [...story.articles, ...corpus.articles];
  process.stdout.write(
    `\nLoaded ${articles.length} articles in ${((performance.now() - started) / 1000).toFixed(1)} s (${corpus.warnings.length} skipped).\n`,
  );
  const report = await runEval({ ...base, articles });
  process.stdout.write(`\n${renderEvalReport('Distractor run: the story among the corpora', report)}\n`);
  return report;
}

async function main(argv: readonly string[]): Promise<void> {
  const flags = parseFlags(argv, [
    'distractors',
    'corpora',
    'out',
    'fabricate',
    'misattribute',
    'no-messy',
    'claims-only',
    'help',
  ]);
  if (flags.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const out = path.resolve(stringFlag(flags, 'out', path.join(ROOT, 'reports', 'eval.json')));
  const base = {
    storyId: STORY_ID,
    questions: loadAllQuestions(),
    prompts: await loadPrompts(path.join(ROOT, 'prompts')),
    fabricateShare: Number(stringFlag(flags, 'fabricate', '0.2')),
    misattributeShare: Number(stringFlag(flags, 'misattribute', '0.2')),
  };
  if (!(
    base.fabricateShare >= 0 &&
    base.fabricateShare <= 1 &&
    base.misattributeShare >= 0 &&
    base.misattributeShare <= 1
  )) {
    throw new Error('--fabricate and --misattribute take a share between 0 and 1');
  }
  const corporaDir = path.resolve(stringFlag(flags, 'corpora', DEFAULT_CORPORA_DIR));
  const claims = await claimsRun(corporaDir, base.prompts);
  if (flags.has('claims-only')) {
    await writeJson(out, { generatedAt: new Date().toISOString(), machine: machineInfo(), claims });
    return;
  }
  const { articles } = await loadArticles(DATA_DIR);
  const single = await runEval({ ...base, articles });
  process.stdout.write(`${renderEvalReport('Single article', single)}\n`);
  process.stdout.write(`\n${renderGateCurve('Gate trade-off on the story questions', single.gateCurve)}\n`);
  const squadFile = path.resolve(ROOT, '../shared/squad/computational-complexity-theory.json');
  const squadFigures = (await fileExists(squadFile)) ? await runSquad(squadFile, base.prompts) : undefined;
  process.stdout.write(
    squadFigures ? `\n${renderSquadReport(squadFigures)}\n` : `\nSQuAD run skipped: no ${squadFile}\n`,
  );
  const story = articles.find((article) => article.id === STORY_ID);
  const squad = await loadSquadStory(path.join(ROOT, '..', 'shared', 'squad'));
  const messy =
    flags.has('no-messy') || !story
      ? undefined
      : {
          story: await messyRun(
            'Messy model output on the story, per form',
            story,
            loadQuestions(),
            base.prompts,
          ),
          ...(squad && {
            squad: await messyRun(
              `Messy model output on SQuAD's "${squad.article.title}" (${squad.questions.length} crowd questions), per form`,
              squad.article,
              squad.questions,
              base.prompts,
            ),
          }),
        };
  const distractors = flags.has('distractors')
    ? await distractorRun(path.resolve(stringFlag(flags, 'corpora', DEFAULT_CORPORA_DIR)), base)
    : undefined;
  await writeJson(out, {
    generatedAt: new Date().toISOString(),
    machine: machineInfo(),
    single,
    ...(claims && { claims }),
    ...(squadFigures && { squadFigures }),
    ...(messy && { messy }),
    ...(distractors && { distractors }),
  });
  process.stdout.write(`\nFigures written to ${path.relative(process.cwd(), out) || out}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`eval failed: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exitCode = 1;
});
