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
import { parseFlags, stringFlag, type Flags } from './lib/args.js';
import { HALVES, runReaderSets, type Half, type ReaderRun } from './eval/reader-run.js';
import { renderMisses } from './eval/reader-report.js';
import {
  DATA_DIR,
  DEFAULT_CORPORA_DIR,
  docFiles,
  folderExists,
  ROOT,
  SHARED,
  SHIPPED,
  SQUAD_DIR,
} from './lib/corpora.js';
import { sourcesHeader, storyAndSharedLines } from './lib/sources.js';
import { createFigureRecorder, writeFigureBlocks } from './lib/doc-figures.js';
import { machineInfo } from './lib/machine.js';

// What is said in a section becomes that figures block in docs/ with --write-docs.
const figures = createFigureRecorder((text) => process.stdout.write(text));
import { writeJson } from './lib/write-json.js';

const USAGE = `npm run eval [-- --distractors] [--corpora DIR] [--out FILE] [--fabricate SHARE] [--misattribute SHARE] [--no-messy] [--reader-only] [--half dev|heldout] [--misses] [--claims-only] [--write-docs]`;

/** The reader sets and SQuAD halves (issue 19): both halves unless --half names one. */
async function readerRun(flags: Flags, prompts: Prompts): Promise<ReaderRun> {
  const half = stringFlag(flags, 'half', 'both');
  if (half !== 'both' && !(HALVES as readonly string[]).includes(half))
    throw new Error(`--half takes ${HALVES.join(' or ')}`);
  const run = await runReaderSets({
    corporaDir: path.resolve(stringFlag(flags, 'corpora', DEFAULT_CORPORA_DIR)),
    prompts,
    halves: half === 'both' ? HALVES : [half as Half],
    write: (text) => figures.say(text),
  });
  if (flags.has('misses'))
    for (const [name, misses] of Object.entries(run.reader))
      figures.say(`\nMisses (${name}):\n${renderMisses(misses)}\n`);
  return run;
}

/** Issue 20's claim sets: unsupported claims shown, faithful kept, realistic balanced accuracy. */
async function claimsRun(corporaDir: string, prompts: Prompts) {
  if (!(await folderExists(corporaDir))) {
    figures.say(`claim sets skipped: no corpora folder at ${corporaDir}\n`);
    return undefined;
  }
  const started = performance.now();
  const { sets, outcomes } = await runClaimsEval({ corporaDir, prompts });
  const claimed = claimFigures(sets, outcomes);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  figures.say(
    `Claims checked for meaning (code check alone; then with the model check, honest judge fake) (${seconds} s):\n\n${renderClaimFigures(claimed)}\n\n`,
  );
  return { figures: claimed, outcomes: [...outcomes.values()] };
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
  figures.say(`\n${title} (${seconds} s):\n\n${renderMessyReport(rows)}\n`);
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
    figures.say(`\n${skipped}\n`);
    return { skipped };
  }
  const started = performance.now();
  const [story, corpus] = await Promise.all([
    loadArticles(DATA_DIR),
    loadArticles(corporaDir, { recursive: true }),
  ]);
  const articles = [...story.articles, ...corpus.articles];
  figures.say(
    `\nLoaded ${articles.length} articles in ${((performance.now() - started) / 1000).toFixed(1)} s (${corpus.warnings.length} skipped).\n`,
  );
  const report = await runEval({ ...base, articles });
  figures.say(`\n${renderEvalReport('Distractor run: the story among the corpora', report)}\n`);
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
    'reader-only',
    'half',
    'misses',
    'write-docs',
    'claims-only',
    'help',
  ]);
  if (flags.has('help')) {
    figures.say(`${USAGE}\n`);
    return;
  }
  figures.section('eval');
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
  const squadFile = path.join(SQUAD_DIR, 'computational-complexity-theory.json');
  const hasSquad = await fileExists(squadFile);
  const corpora = path.resolve(stringFlag(flags, 'corpora', DEFAULT_CORPORA_DIR));
  process.stdout.write(
    `${sourcesHeader(
      'npm run eval: answer quality, measured without a model server (extractive and fake-model replies)',
      [
        ...storyAndSharedLines(SHIPPED, SHARED),
        `measured: the labelled questions about the story (${base.questions.length}), retrieval, gate and claim checks`,
        hasSquad
          ? `measured: SQuAD 2.0 (${squadFile}), crowd questions half of them unanswerable`
          : `skipped: SQuAD, because ${squadFile} is missing`,
        flags.has('no-messy')
          ? 'skipped: messy model output (--no-messy)'
          : 'measured: messy model output, per reply form',
        flags.has('distractors')
          ? `measured: the story among the corpora at ${corpora} (--distractors)`
          : 'skipped: distractor run (slow; add -- --distractors)',
      ],
    )}\n`,
  );
  const claims = await claimsRun(corpora, base.prompts);
  if (flags.has('claims-only')) {
    await writeJson(out, { generatedAt: new Date().toISOString(), machine: machineInfo(), claims });
    return;
  }
  figures.section('eval');
  if (flags.has('reader-only')) {
    const reader = await readerRun(flags, base.prompts);
    await writeJson(out, { generatedAt: new Date().toISOString(), machine: machineInfo(), reader });
    return;
  }
  const reader = await readerRun(flags, base.prompts);
  const { articles } = await loadArticles(DATA_DIR);
  const single = await runEval({ ...base, articles });
  figures.say(`${renderEvalReport('Single article', single)}\n`);
  figures.say(`\n${renderGateCurve('Gate trade-off on the story questions', single.gateCurve)}\n`);
  const squadFigures = hasSquad ? await runSquad(squadFile, base.prompts) : undefined;
  figures.say(
    squadFigures ? `\n${renderSquadReport(squadFigures)}\n` : `\nSQuAD run skipped: no ${squadFile}\n`,
  );
  figures.section('eval-messy');
  const story = articles.find((article) => article.id === STORY_ID);
  const squad = await loadSquadStory(SQUAD_DIR);
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
  figures.section('eval-distractors');
  const distractors = flags.has('distractors') ? await distractorRun(corpora, base) : undefined;
  await writeJson(out, {
    generatedAt: new Date().toISOString(),
    machine: machineInfo(),
    reader,
    single,
    ...(claims && { claims }),
    ...(squadFigures && { squadFigures }),
    ...(messy && { messy }),
    ...(distractors && { distractors }),
  });
  figures.section('none');
  figures.say(`\nFigures written to ${path.relative(process.cwd(), out) || out}\n`);
  if (flags.has('write-docs')) {
    const changed = await writeFigureBlocks(await docFiles(), figures.blocks('npm run eval'));
    figures.say(`Docs rewritten: ${changed.join(', ') || 'none'}\n`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`eval failed: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exitCode = 1;
});
