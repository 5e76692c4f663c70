import { asked, dollars, seconds, shorten, thousands } from './format.js';
import type { Report, StoryReport } from './collect-report.js';

const BAR = 30;

/** The report as plain text, for the terminal. */
export function renderReportText(report: Report, maxThemes = 10): string {
  const head = `storybot report: ${report.since.slice(0, 10)} to ${report.until.slice(0, 10)} (UTC)`;
  if (report.stories.length === 0 && report.awaitingStory.length === 0)
    return `${head}\n\nNo questions in this period.\n`;
  const waiting = report.awaitingStory.length > 0 ? [awaitingText(report)] : [];
  return `${[head, ...report.stories.map((story) => storyText(story, maxThemes)), ...waiting].join('\n\n')}\n`;
}

function awaitingText(report: Report): string {
  return [
    `== Waiting for a story choice: ${report.awaitingStory.length}`,
    'Questions answered with "which story?" (the reader had not picked one); counted under no story.',
    ...list(report.awaitingStory.map((entry) => `${entry.time.slice(0, 16)} ${asked(entry.question)}`)),
  ].join('\n');
}

function storyText(story: StoryReport, maxThemes: number): string {
  const { totals } = story;
  const lines = [
    `== ${story.story}${story.title ? `: ${shorten(story.title, 90)}` : ''}`,
    `Questions: ${totals.questions} (answered ${totals.answered}, declined ${totals.declined}, failed ${totals.failed})`,
    `Answer time: median ${seconds(story.medianMs)}, p95 ${seconds(story.p95Ms)}`,
    ...endedEarly(story),
    '',
    'Questions per day:',
    ...perDay(story),
    '',
    'Tokens and estimated cost:',
    ...(story.models.length === 0
      ? ['  none (extractive answers use no model)']
      : story.models.map(
          (model) =>
            `  ${model.model}: ${thousands(model.promptTokens)} prompt + ${thousands(model.completionTokens)} completion tokens, ${dollars(model.costUsd)}`,
        )),
    '',
    "What readers asked that the story didn't answer (declined questions by theme):",
    ...themes(story, maxThemes),
    '',
    `Answers voted down (👎 thumbs down) (${story.downvoted.length}):`,
    ...list(
      story.downvoted.map(
        (vote) => `${vote.time.slice(0, 16)} ${asked(vote.question)} → ${shorten(vote.detail, 100)}`,
      ),
    ),
    '',
    `Claims removed by grounding or failed quotes (${story.removedClaims.length === 1 ? '1 answer' : `${story.removedClaims.length} answers`}):`,
    ...list(
      story.removedClaims.map(
        (entry) => `${entry.time.slice(0, 16)} ${asked(entry.question)}: ${entry.detail}`,
      ),
    ),
  ];
  return lines.join('\n');
}

/** Answers stopped or cut short, when there were any (their claims and tokens are counted above and below). */
function endedEarly({ interrupted }: StoryReport): string[] {
  if (interrupted.stopped + interrupted.cutShort === 0) return [];
  return [
    `Ended early: ${interrupted.stopped} stopped, ${interrupted.cutShort} cut short by a model failure`,
  ];
}

function perDay(story: StoryReport): string[] {
  const days =
    story.days.length > 31
      ? story.days.filter((day) => day.answered + day.declined + day.failed > 0)
      : story.days;
  const max = Math.max(1, ...days.map((day) => day.answered + day.declined + day.failed));
  return days.map((day) => {
    const total = day.answered + day.declined + day.failed;
    const bar = '█'.repeat(Math.round((total / max) * BAR));
    return `  ${day.day} ${String(total).padStart(4)} ${bar}${total > 0 ? ` (${day.answered} answered, ${day.declined} declined, ${day.failed} failed)` : ''}`;
  });
}

function themes(story: StoryReport, max: number): string[] {
  const lines = story.themes
    .slice(0, max)
    .flatMap((theme) => [
      `  ${theme.label} (${theme.count}):`,
      ...theme.examples.map((example) => `    - "${shorten(example)}"`),
    ]);
  if (story.declinedWithoutText > 0)
    lines.push(`  (${story.declinedWithoutText} declined in DMs, text not kept)`);
  return lines.length > 0 ? lines : ['  none'];
}

const list = (items: readonly string[]) =>
  items.length > 0 ? items.slice(0, 20).map((item) => `  - ${item}`) : ['  none'];
