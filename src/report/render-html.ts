import { asked, dollars, seconds, shorten, thousands } from './format.js';
import type { Report, StoryReport } from './collect-report.js';
import { COLORS, escapeHtml as e, outcomeChart, perDayChart, themeChart } from './svg-charts.js';

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:700px;color:#222;padding:0 1rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;border-top:1px solid #ddd;padding-top:1rem}h3{font-size:1rem}
.figures{display:flex;gap:1.5rem;flex-wrap:wrap}.figure b{display:block;font-size:1.4rem}
table{border-collapse:collapse}td,th{padding:2px 10px 2px 0;text-align:left}
.answered{color:${COLORS.answered}}.declined{color:${COLORS.declined}}.failed{color:${COLORS.failed}}
svg{max-width:100%;height:auto}li{margin:.2rem 0}.muted{color:#777}
body,li,td,p,h2{overflow-wrap:anywhere;word-break:break-word}`;

/**
 * The report as one self-contained HTML file: inline CSS and SVG charts (questions per day,
 * answered vs declined, top unanswered themes), no scripts and nothing fetched from the network.
 */
export function renderReportHtml(report: Report): string {
  const period = `${report.since.slice(0, 10)} to ${report.until.slice(0, 10)} (UTC)`;
  const waiting = report.awaitingStory;
  const body =
    report.stories.length === 0 && waiting.length === 0
      ? '<p>No questions in this period.</p>'
      : [
          ...report.stories.map((story) => storySection(story)),
          ...(waiting.length > 0
            ? [
                `<section class="awaiting"><h2>Waiting for a story choice: ${waiting.length}</h2><p class="muted">Questions answered with “which story?” (the reader had not picked one); counted under no story.</p>${list(
                  waiting.map((entry) => e(asked(entry.question))),
                  'awaiting',
                )}</section>`,
              ]
            : []),
        ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>storybot report, ${e(period)}</title><style>${STYLE}</style></head>
<body><h1>What readers asked: ${e(period)}</h1>
${body}
</body></html>
`;
}

function storySection(story: StoryReport): string {
  const { totals } = story;
  const figure = (label: string, value: string, kind = '') =>
    `<div class="figure ${kind}"><b>${e(value)}</b>${e(label)}</div>`;
  return `<section class="story" id="story-${e(story.story)}">
<h2>${e(story.title ?? story.story)} <span class="muted">(${e(story.story)})</span></h2>
<div class="figures">${figure('questions', String(totals.questions))}${figure('answered', String(totals.answered), 'answered')}${figure('declined', String(totals.declined), 'declined')}${figure('failed', String(totals.failed), 'failed')}${figure('median answer time', seconds(story.medianMs))}${figure('p95 answer time', seconds(story.p95Ms))}</div>
<h3>Questions per day</h3>${perDayChart(story.days)}
<h3>Answered vs declined</h3>${outcomeChart(totals)}
<h3>What readers asked that the story didn't answer</h3>
${story.themes.length > 0 ? themeChart(story.themes) : ''}
${list(
  story.themes.map(
    (theme) =>
      `<b>${e(theme.label)}</b> (${theme.count}): ${theme.examples.map((example) => `“${e(shorten(example))}”`).join(', ')}`,
  ),
  'themes',
)}
${story.declinedWithoutText > 0 ? `<p class="muted">${story.declinedWithoutText} declined in DMs (text not kept).</p>` : ''}
<h3>Tokens and estimated cost</h3>
${
  story.models.length === 0
    ? '<p class="muted">No model calls (extractive answers).</p>'
    : `<table class="models"><tr><th>model</th><th>prompt</th><th>completion</th><th>est. cost</th></tr>${story.models
        .map(
          (model) =>
            `<tr><td>${e(model.model)}</td><td>${thousands(model.promptTokens)}</td><td>${thousands(model.completionTokens)}</td><td>${e(dollars(model.costUsd))}</td></tr>`,
        )
        .join('')}</table>`
}
<h3>Answers voted down (👎 thumbs down)</h3>
${list(
  story.downvoted.map((vote) => `${e(asked(vote.question))} → ${e(shorten(vote.detail, 200))}`),
  'downvoted',
)}
<h3>Claims removed by grounding and failed quotes</h3>
${list(
  story.removedClaims.map((entry) => `${e(asked(entry.question))}: ${e(entry.detail)}`),
  'removed',
)}
</section>`;
}

const list = (items: readonly string[], name: string) =>
  items.length === 0
    ? `<p class="muted ${name}">None.</p>`
    : `<ul class="${name}">${items
        .slice(0, 30)
        .map((item) => `<li>${item}</li>`)
        .join('')}</ul>`;
