import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { Article } from '../articles/types.js';
import type { ConversationStore } from '../answering/conversation-store.js';
import { checkQuestion } from '../answering/question.js';
import type { Answer, AnswerEvent, Answerer, StoryChoice } from '../domain/types.js';
import { userMessageOf } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { renderAnswerText, renderClaimLine } from '../render/answer-text.js';
import { toOperator } from './operator-voice.js';

export interface ConsoleDeps {
  readonly answerer: Answerer;
  readonly articles: readonly Article[];
  readonly conversations: ConversationStore;
  readonly logger: Logger;
  readonly input: Readable;
  readonly output: Writable;
  /** One line saying how answers are made (model name, or extractive). */
  readonly modeLine: string;
  /** Where the log goes while the console runs (a file, so log lines never land in the chat). */
  readonly logFile?: string;
  readonly maxQuestionLength: number;
  /** Cancels the model call of the question being answered (the caller gave up, e.g. on a signal). */
  readonly signal?: AbortSignal;
}

const CONVERSATION = 'console';

function helpText(articles: readonly Article[]): string {
  const stories = articles
    .slice(0, 5)
    .map((article) => `  • ${article.title}`)
    .join('\n');
  const more = articles.length > 5 ? `\n  … and ${articles.length - 5} more` : '';
  return [
    'Ask anything about the story; follow-up questions remember the conversation.',
    'Answers use only the article, and every quote is checked word for word.',
    `Stories loaded:\n${stories}${more}`,
    'Commands: /help, /clear (forget the conversation), /quit',
  ].join('\n');
}

/** Runs the interactive console chat until /quit or end of input. */
export async function runConsole(deps: ConsoleDeps): Promise<void> {
  const { answerer, conversations, output, logger } = deps;
  const write = (text: string) => output.write(`${text}\n`);
  const lines = createInterface({ input: deps.input, output, terminal: false });
  // A question that asked "which story?": a number typed next answers it for that story.
  let pending: { readonly question: string; readonly choices: readonly StoryChoice[] } | undefined;
  write(`storybot console: ${deps.modeLine}`);
  if (deps.logFile) write(`Log: ${deps.logFile}`);
  write('Type a question, /help for help, /quit to leave.\n');
  output.write('you> ');
  for await (const line of lines) {
    const command = line.trim().toLowerCase();
    if (command === '/quit' || command === '/exit') break;
    if (command === '/help') write(helpText(deps.articles));
    else if (command === '/clear') {
      conversations.clear(CONVERSATION);
      write('Conversation cleared.');
    } else if (command.startsWith('/')) write(`Unknown command ${command.split(' ')[0]}; try /help.`);
    else await ask(line);
    output.write('\nyou> ');
  }
  lines.close();
  write('\nBye.');

  // Claims are printed as they arrive; the rest of the answer (sources, notes) when it is complete.
  async function printStreamed(events: AsyncIterable<AnswerEvent>): Promise<Answer> {
    const printed: string[] = [];
    for await (const event of events) {
      if (event.type === 'claim') {
        if (printed.length === 0) write('');
        printed.push(event.claim.text);
        write(renderClaimLine(event.claim));
        continue;
      }
      const { answer } = event;
      const same = printed.length > 0 && printed.join('\n') === answer.claims.map((c) => c.text).join('\n');
      if (printed.length > 0 && !same) write('\n(The complete answer replaces the lines above.)');
      const notes = answer.notes.map(toOperator);
      write(`\n${renderAnswerText({ ...answer, notes }, { claimsPrinted: same })}`);
      return answer;
    }
    throw new Error('the answer stream ended without an answer');
  }

  async function ask(raw: string): Promise<void> {
    const picked = pending && /^\s*\d+\s*$/.test(raw) ? pending.choices[Number(raw) - 1] : undefined;
    if (pending && /^\s*\d+\s*$/.test(raw) && !picked) {
      return void write(`Type a number from 1 to ${pending.choices.length}, or ask another question.`);
    }
    const asked = picked && pending ? pending.question : raw;
    const checked = checkQuestion(asked, deps.maxQuestionLength);
    if (!checked.ok) return void write(checked.message);
    pending = undefined;
    try {
      const history = conversations.history(CONVERSATION);
      const options = { conversation: CONVERSATION, ...(deps.signal && { signal: deps.signal }) };
      const answer = await printStreamed(
        answerer.answerStream(
          { question: checked.question, history, ...(picked && { articleId: picked.id }) },
          options,
        ),
      );
      if (answer.choices && answer.choices.length > 0) {
        pending = { question: checked.question, choices: answer.choices };
      }
      const cited = answer.citations.map((citation) => ({
        articleId: citation.articleId,
        paragraph: citation.paragraph,
      }));
      // Greetings and "which story?" replies are not part of the conversation a follow-up leans on.
      if (answer.mode !== 'reply') {
        conversations.record(CONVERSATION, { question: checked.question, answer: answer.text, cited });
      }
    } catch (error) {
      logger.error({ err: error }, 'console question failed');
      write(toOperator(userMessageOf(error)));
    }
  }
}
