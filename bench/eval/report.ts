import { fixed, percent, renderTable, type Cell } from '../lib/table.js';
import type { GroupFigures, ModeFigures } from './aggregate.js';
import type { EvalReport } from './run-eval.js';

const groups = (report: EvalReport): [string, GroupFigures][] => [
  ...Object.entries(report.byKind),
  ['ALL', report.overall],
];

function retrievalTable(report: EvalReport): string {
  const rows = groups(report).map(([kind, figures]): Cell[] => {
    const r = figures.retrieval;
    return [
      kind,
      figures.questions,
      percent(r.recallAt1),
      percent(r.recallAt3),
      percent(r.recallAt5),
      percent(r.hitAt1),
      percent(r.hitAt3),
      fixed(r.mrrAt10, 3),
      percent(r.storyAccuracy),
      percent(figures.gate.accuracy),
    ];
  });
  return renderTable(
    ['kind', 'n', 'R@1', 'R@3', 'R@5', 'Hit@1', 'Hit@3', 'MRR@10', 'story', 'gate ok'],
    rows,
  );
}

function modeTable(
  report: EvalReport,
  pick: (figures: GroupFigures) => ModeFigures,
  by: 'kind' | 'intent' = 'kind',
): string {
  const list = by === 'kind' ? groups(report) : Object.entries(report.byIntent);
  const rows = list.map(([kind, figures]): Cell[] => {
    const m = pick(figures);
    return [
      kind,
      figures.questions,
      percent(m.right),
      percent(m.answered),
      percent(m.declinedUnanswerable),
      percent(m.declinedWithoutModelCall),
      m.modelCalls,
      m.shownQuotes,
      percent(m.verbatim),
      percent(m.citationPrecision),
      percent(m.goldCited),
    ];
  });
  return renderTable(
    [
      'kind',
      'n',
      'right',
      'answered',
      'declined',
      'no call',
      'calls',
      'quotes',
      'verbatim',
      'precision',
      'gold cited',
    ],
    rows,
  );
}

function verificationLines(report: EvalReport): string[] {
  const llm = report.overall.llm;
  const tokens = report.overall.tokens;
  const ratio =
    llm.promptTokensPerCall !== null && llm.wholeArticleTokensSameQuestions
      ? llm.promptTokensPerCall / llm.wholeArticleTokensSameQuestions
      : null;
  const sweep = Object.entries(tokens.atK).map(([k, value]) => {
    const recall =
      k === '1'
        ? report.overall.retrieval.recallAt1
        : k === '3'
          ? report.overall.retrieval.recallAt3
          : report.overall.retrieval.recallAt5;
    return `k=${k}: ${fixed(value, 0)} tokens (Recall@${k} ${percent(recall)})`;
  });
  return [
    `Fabricated quotes caught: ${percent(llm.fabricatedCaught)} of ${llm.fabricatedSent}; misattributed quotes shown under the right paragraph: ${percent(llm.misattributedFixed)} of ${llm.misattributedSent}.`,
    `Shown quotes verbatim in the article: model ${percent(llm.verbatim)} of ${llm.shownQuotes}, extractive ${percent(report.overall.extractive.verbatim)} of ${report.overall.extractive.shownQuotes}.`,
    `Prompt tokens per model call (o200k): ${fixed(llm.promptTokensPerCall, 0)} against ${fixed(llm.wholeArticleTokensSameQuestions, 0)} for the whole article (${percent(ratio)}), ${fixed(llm.cachedTokensPerCall, 0)} of them served from the prompt cache.`,
    `Gold paragraphs all in the prompt: ${percent(llm.goldInPrompt)} of the answerable questions sent to the model.`,
    `Prompt size on answerable questions: ${sweep.join('; ')}; whole article ${fixed(tokens.wholeArticle, 0)} tokens (recall 100%).`,
  ];
}

/** The readable report of one evaluation run. */
export function renderEvalReport(title: string, report: EvalReport): string {
  const { setting } = report;
  return [
    `== ${title}: ${setting.questions} questions, ${setting.articles} article(s); model replies with ${percent(setting.fabricateShare)} fabricated and ${percent(setting.misattributeShare)} misattributed first quotes ==`,
    '',
    'Retrieval (answerable questions; story = right story chosen) and evidence gate (all questions):',
    retrievalTable(report),
    '',
    'Quoting fake model through the real SDK (answered: answerable kinds; declined / no call: the rest):',
    modeTable(report, (figures) => figures.llm),
    '',
    'Extractive mode (no model):',
    modeTable(report, (figures) => figures.extractive),
    '',
    'By reader intent (right = right intent, then a gold first quote / a friendly reply / a decline): model, then no model:',
    modeTable(report, (figures) => figures.llm, 'intent'),
    modeTable(report, (figures) => figures.extractive, 'intent'),
    '',
    ...verificationLines(report),
    `Took ${report.timingsMs.engine.toFixed(0)} ms to build the engine and ${report.timingsMs.questions.toFixed(0)} ms for the questions.`,
  ].join('\n');
}
