// Renders a sample `storybot report --html` in headless Chromium (Debian's package), once, outside npm test:
//   apt-get install -y chromium && npm run report:render
// Seeds a records database with a week of questions answered by the real engine (the quoting fake model
// stands in for OpenAI), prints the text report, writes bench/report-sample.html and a screenshot
// bench/report-sample.png, and checks in the rendered DOM that the three charts are there.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRecordingAnswerer } from '../src/answering/record-questions.js';
import { createFeedbackStore } from '../src/feedback/feedback-store.js';
import { createLogger } from '../src/logging/logger.js';
import { createQuestionLog } from '../src/storage/question-log.js';
import { openRecords } from '../src/storage/records.js';
import { createTestEngine, ROOT } from '../tests/helpers/engine.js';
import { startFakeOpenAi } from '../tests/helpers/fake-openai.js';
import { createQuotingModel } from '../tests/helpers/quoting-model.js';

const OFF_TOPIC = [
  'Which telecom companies did Salt Typhoon break into?',
  'Were any telecom companies in Europe hacked too?',
  'How many telecom customers were affected?',
  'What does the MSS budget look like?',
  'Who leads the MSS today?',
  'What did the Chinese embassy say about the sanctions?',
  'Did the Chinese embassy respond to the report?',
  'What happens to TikTok now?',
  'Will the trade truce last past next year?',
  'What will the trade truce mean for soybean farmers?',
  'Who won the football last night?',
];

async function seed(varDir: string): Promise<void> {
  const logger = createLogger({ level: 'silent' });
  const records = await openRecords({ varDir, storeDmText: false, retentionDays: 0, logger });
  const fake = await startFakeOpenAi({ chat: createQuotingModel() });
  const engine = await createTestEngine({ baseURL: fake.baseURL, timeoutMs: 10_000 });
  const questions = (await readFile(path.join(ROOT, 'tests/fixtures/questions.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { question: string }).question);
  const all = [...questions, ...OFF_TOPIC, ...OFF_TOPIC.slice(0, 6)];
  const start = Date.now() - 6 * 86_400_000;
  let time = start;
  const log = createQuestionLog({ ...records, logger, now: () => new Date(time) });
  for (const [index, question] of all.entries()) {
    // More questions on the first days after publication, fewer later.
    time = start + Math.floor(6 * (index / all.length) ** 1.6 * 86_400_000) + index * 60_000;
    const kind = index % 5 === 0 ? 'dm' : 'server';
    const answerer = createRecordingAnswerer(engine.answerer, log, { channelKind: kind }, 'gpt-4.1-mini');
    const answer = await answerer.answer({ question }).catch(() => undefined);
    if (answer && answer.mode !== 'declined' && index % 9 === 4)
      await createFeedbackStore({ ...records, now: () => new Date(time) }).record({
        vote: 'down',
        userId: `user-${index}`,
        question,
        answer: answer.text,
        mode: answer.mode,
        cited: answer.citations.map(({ articleId, paragraph }) => ({ articleId, paragraph })),
      });
  }
  await fake.close();
  records.close();
}

async function main(): Promise<void> {
  const varDir = await mkdtemp(path.join(tmpdir(), 'storybot-report-bench-'));
  const html = path.join(varDir, 'report.html');
  await seed(varDir);
  const report = spawnSync(process.execPath, [path.join(ROOT, 'dist/index.js'), 'report', '--html', html], {
    env: { PATH: process.env.PATH ?? '', STORYBOT_VAR_DIR: varDir },
    encoding: 'utf8',
  });
  process.stdout.write(report.stdout);
  if (report.status !== 0) throw new Error(`storybot report failed: ${report.stderr}`);
  const profile = await mkdtemp(path.join(tmpdir(), 'storybot-chromium-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    `--user-data-dir=${profile}`,
  ];
  const png = path.join(ROOT, 'bench/report-sample.png');
  const started = performance.now();
  execFileSync('chromium', [...flags, `--screenshot=${png}`, '--window-size=760,2200', `file://${html}`], {
    stdio: 'ignore',
  });
  const dom = execFileSync('chromium', [...flags, '--dump-dom', `file://${html}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const ms = Math.round(performance.now() - started);
  const charts = (dom.match(/<svg class="chart chart-[\w-]+"/g) ?? []).length;
  const bars = (dom.match(/<rect class="bar /g) ?? []).length;
  await copyFile(html, path.join(ROOT, 'bench/report-sample.html'));
  const size = (await stat(png)).size;
  process.stdout.write(
    `\nChromium rendered the report in ${ms} ms (two runs): ${charts} charts, ${bars} bars; screenshot ${png} (${Math.round(size / 1024)} KB), HTML bench/report-sample.html (${Math.round((await stat(html)).size / 1024)} KB)\n`,
  );
  if (charts < 3) throw new Error('the rendered report is missing charts');
  await rm(profile, { recursive: true, force: true });
  await rm(varDir, { recursive: true, force: true });
}

await main();
