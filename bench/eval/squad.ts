import { readFile } from 'node:fs/promises';
import type { Prompts } from '../../src/answering/prompt/prompts.js';
import type { Article } from '../../src/articles/types.js';
import { createLogger } from '../../src/logging/logger.js';
import { createEngine } from '../../src/engine/create-engine.js';
import { ROOT, testConfig } from '../../tests/helpers/engine.js';
import { mean, share } from '../lib/stats.js';
import { gateCurve, type CurvePoint } from './gate-curve.js';
import { hitAt, reciprocalRankAt } from './metrics.js';
import { createOkapiBm25 } from './okapi.js';

interface SquadFile {
  readonly data: readonly {
    readonly title: string;
    readonly paragraphs: readonly {
      readonly context: string;
      readonly qas: readonly {
        readonly question: string;
        readonly is_impossible: boolean;
        readonly answers: readonly { readonly text: string }[];
      }[];
    }[];
  }[];
}

/** Ranking figures of the gold paragraph. */
export interface RankFigures {
  readonly recallAt1: number | null;
  readonly recallAt3: number | null;
  readonly mrrAt10: number | null;
}

/** The SQuAD 2.0 article's figures. */
export interface SquadReport {
  readonly paragraphs: number;
  readonly answerable: number;
  readonly impossible: number;
  readonly engine: RankFigures;
  readonly plainBm25: RankFigures;
  /** Answerable questions whose extractive answer shows a gold answer text. */
  readonly extractiveHit: number | null;
  /** Extractive answers (answerable questions, not declined) of at most two sentences. */
  readonly atMostTwoSentences: number | null;
  /** Answerable questions the extractive answerer declined. */
  readonly answerableDeclined: number | null;
  /** is_impossible questions stopped by the gate, and declined by the extractive answerer (gate or floor). */
  readonly impossibleStopped: number | null;
  readonly impossibleDeclined: number | null;
  readonly curve: readonly CurvePoint[];
}

const normal = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function rankFigures(rows: readonly { ranked: readonly number[]; gold: number }[]): RankFigures {
  return {
    recallAt1: mean(rows.map((row) => hitAt(row.ranked, [row.gold], 1))),
    recallAt3: mean(rows.map((row) => hitAt(row.ranked, [row.gold], 3))),
    mrrAt10: mean(rows.map((row) => reciprocalRankAt(row.ranked, [row.gold], 10))),
  };
}

/**
 * Asks every question of the SQuAD 2.0 article (its paragraphs as one article) without a model:
 * where the gold paragraph ranks against plain Okapi BM25 in the same run, whether the extractive
 * answer shows the gold text, and what happens to the `is_impossible` questions.
 */
export async function runSquad(file: string, prompts: Prompts): Promise<SquadReport> {
  const json = JSON.parse(await readFile(file, 'utf8')) as SquadFile;
  const source = json.data[0];
  if (!source) throw new Error(`${file} holds no article`);
  const article: Article = {
    id: 'squad',
    title: source.title.replaceAll('_', ' '),
    file,
    paragraphs: source.paragraphs.map((paragraph, index) => ({
      articleId: 'squad',
      n: index + 1,
      text: paragraph.context,
    })),
  };
  const { retriever, answerer } = await createEngine(testConfig(), {
    root: ROOT,
    logger: createLogger({ level: 'silent' }),
    articles: [article],
    prompts,
  });
  const okapi = createOkapiBm25(article.paragraphs.map((paragraph) => paragraph.text));
  const engineRows: { ranked: number[]; gold: number }[] = [];
  const okapiRows: { ranked: number[]; gold: number }[] = [];
  const gated: { answerable: boolean; coverage: number }[] = [];
  let hits = 0;
  let short = 0;
  let answered = 0;
  let stopped = 0;
  let declined = 0;
  const questions = source.paragraphs.flatMap((paragraph, index) =>
    paragraph.qas.map((qa) => ({ ...qa, gold: index + 1 })),
  );
  for (const qa of questions) {
    const retrieval = await retriever.retrieve({ question: qa.question, k: 10 });
    gated.push({ answerable: !qa.is_impossible, coverage: retrieval.coverage ?? 0 });
    const answer = await answerer.answer({ question: qa.question });
    if (qa.is_impossible) {
      if (!retrieval.relevant) stopped += 1;
      if (answer.mode === 'declined') declined += 1;
      continue;
    }
    engineRows.push({ ranked: retrieval.passages.map((passage) => passage.paragraph.n), gold: qa.gold });
    okapiRows.push({ ranked: okapi(qa.question), gold: qa.gold });
    if (answer.mode === 'declined') continue;
    answered += 1;
    const sentences = new Set(answer.citations.map((citation) => citation.quote)).size;
    if (sentences <= 2) short += 1;
    const shown = normal(answer.citations.map((citation) => citation.quote).join(' '));
    if (sentences <= 2 && qa.answers.some((gold) => shown.includes(normal(gold.text)))) hits += 1;
  }
  const impossible = questions.filter((qa) => qa.is_impossible).length;
  const answerable = questions.length - impossible;
  return {
    paragraphs: article.paragraphs.length,
    answerable,
    impossible,
    engine: rankFigures(engineRows),
    plainBm25: rankFigures(okapiRows),
    extractiveHit: share(hits, answerable),
    atMostTwoSentences: share(short, answered),
    answerableDeclined: share(answerable - answered, answerable),
    impossibleStopped: share(stopped, impossible),
    impossibleDeclined: share(declined, impossible),
    curve: gateCurve(gated),
  };
}
