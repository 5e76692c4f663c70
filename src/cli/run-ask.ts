import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { checkQuestion } from '../answering/question.js';
import type { Answerer, StoryChoice } from '../domain/types.js';
import { UserFacingError, userMessageOf } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { renderAnswerText } from '../render/answer-text.js';
import { answerToJson } from './to-json.js';

export interface AskDeps {
  readonly answerer: Answerer;
  readonly logger: Logger;
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly maxQuestionLength: number;
  /** Cancels the model call of the question being answered (the caller gave up, e.g. on a signal). */
  readonly signal?: AbortSignal;
}

export const ASK_USAGE = `Usage:
  storybot ask "your question" [--json] [--k N] [--story ID]
  storybot ask --batch [--k N] < questions.txt   (one question per line, or JSON lines {"question": ...})`;

/** Exit codes: 0 answered, 1 an answer failed, 2 bad usage or input. */
export type ExitCode = 0 | 1 | 2;

/** Parses `ask` arguments; throws a plain Error with a readable message on bad usage. */
export function parseAskArgs(argv: readonly string[], maxK = 20) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      batch: { type: 'boolean' },
      k: { type: 'string' },
      story: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true as const };
  const k = values.k === undefined ? undefined : Number(values.k);
  if (k !== undefined && (!Number.isInteger(k) || k < 1 || k > maxK)) {
    throw new Error(`--k must be a whole number from 1 to ${maxK}.`);
  }
  if (values.batch && positionals.length > 0)
    throw new Error('--batch reads questions from standard input; give no question after it.');
  if (!values.batch && positionals.length === 0) throw new Error('Please give a question.');
  return {
    help: false as const,
    json: values.json === true,
    batch: values.batch === true,
    k,
    story: values.story,
    question: positionals.join(' '),
  };
}

/** Runs `storybot ask`: one question, or `--batch` questions from stdin, one JSON object per line. */
export async function runAsk(argv: readonly string[], deps: AskDeps): Promise<ExitCode> {
  let args: ReturnType<typeof parseAskArgs>;
  try {
    args = parseAskArgs(argv);
  } catch (error) {
    deps.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${ASK_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    deps.stdout.write(`${ASK_USAGE}\n`);
    return 0;
  }
  const options = { ...(args.k && { k: args.k }), ...(args.story && { articleId: args.story }) };
  if (args.batch) return runBatch(deps, options);
  const checked = checkQuestion(args.question, deps.maxQuestionLength);
  if (!checked.ok) {
    deps.stderr.write(`${checked.message}\n`);
    return 2;
  }
  try {
    const answer = await deps.answerer.answer({ question: checked.question, ...options }, signalOf(deps));
    // A one-shot question can't take the console's "type the number": it names the ids and asks for --story.
    if (answer.choices && answer.choices.length > 0) {
      if (args.json) deps.stdout.write(`${JSON.stringify(answerToJson(answer))}\n`);
      deps.stderr.write(`${chooseStory(answer.choices)}\n`);
      return 2;
    }
    deps.stdout.write(
      args.json ? `${JSON.stringify(answerToJson(answer))}\n` : `${renderAnswerText(answer)}\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof UserFacingError)) deps.logger.error({ err: error }, 'ask failed');
    deps.stderr.write(`${userMessageOf(error)}\n`);
    return error instanceof UserFacingError && error.code === 'unknown_article' ? 2 : 1;
  }
}

/** The message for a question that could be about several stories. */
export function chooseStory(choices: readonly StoryChoice[]): string {
  return [
    'Which story is this about? Ask again with --story and one of these ids:',
    ...choices.map((choice) => `  ${choice.id}  ${choice.title}`),
  ].join('\n');
}

const signalOf = (deps: AskDeps) => (deps.signal ? { signal: deps.signal } : {});

function questionOf(line: string): string {
  if (!line.trimStart().startsWith('{')) return line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new UserFacingError('It is not valid JSON.', 'bad_input');
  }
  const question = (parsed as { question?: unknown } | null)?.question;
  if (typeof question !== 'string')
    throw new UserFacingError('A JSON line needs a "question" string.', 'bad_input');
  return question;
}

async function runBatch(deps: AskDeps, options: { k?: number; articleId?: string }): Promise<ExitCode> {
  let code: ExitCode = 0;
  const write = (value: object) => deps.stdout.write(`${JSON.stringify(value)}\n`);
  let number = 0;
  for await (const line of createInterface({ input: deps.stdin, terminal: false })) {
    number += 1;
    if (line.trim() === '') continue;
    let question = line;
    try {
      question = questionOf(line);
      const checked = checkQuestion(question, deps.maxQuestionLength);
      if (!checked.ok) throw new UserFacingError(checked.message, 'bad_input');
      const answer = await deps.answerer.answer({ question: checked.question, ...options }, signalOf(deps));
      write(answerToJson(answer));
    } catch (error) {
      code = 1;
      if (!(error instanceof UserFacingError)) deps.logger.error({ err: error }, 'batch question failed');
      write({ line: number, question, error: `Line ${number}: ${userMessageOf(error)}` });
    }
  }
  return code;
}
