import { PassThrough, Writable } from 'node:stream';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationStore } from '../src/answering/conversation-store.js';
import { createTokenBudget } from '../src/answering/token-budget.js';
import { runAsk } from '../src/cli/run-ask.js';
import type { AnswerJson } from '../src/cli/to-json.js';
import { runConsole } from '../src/console/run-console.js';
import { createLogger } from '../src/logging/logger.js';
import { claimsReply, promptOf, type ClaimsReply } from './helpers/claims-reply.js';
import { createTestEngine, type TestEngine } from './helpers/engine.js';
import { startFakeOpenAi, type FakeChatBody, type FakeOpenAi } from './helpers/fake-openai.js';

const QUESTION = 'Why did the United States shelve the sanctions, and what is Salt Typhoon?';
const budget = createTokenBudget({ dailyCap: 0, model: 'gpt-test' });
let fake: FakeOpenAi;
let engine: TestEngine;
let sent: ClaimsReply | undefined;
let body: FakeChatBody | undefined;

beforeAll(async () => {
  fake = await startFakeOpenAi({ tokensPerSecond: 400 });
  // Every reply drops its connection after claim 2, 15 tokens into claim 3.
  fake.onChat((request) => {
    body = request;
    sent = claimsReply(request);
    return { content: sent.content, dropAfterChunks: sent.pieceAt(2) + 15 };
  });
  engine = await createTestEngine({ baseURL: fake.baseURL, budget });
});
afterAll(async () => {
  await fake?.close();
});

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { stream, text: () => text };
}

describe('a model that fails after two verified claims', () => {
  it('storybot ask --json keeps both, says it was cut short and why, and counts what was spent', async () => {
    const out = sink();
    const used = budget.usedToday;
    const code = await runAsk(['--json', QUESTION], {
      answerer: engine.answerer,
      logger: createLogger({ level: 'silent' }),
      stdin: new PassThrough(),
      stdout: out.stream,
      stderr: sink().stream,
      maxQuestionLength: 500,
    });
    expect(code).toBe(0);
    const json = JSON.parse(out.text()) as AnswerJson;
    expect(json.mode).toBe('llm');
    expect(json.interrupted).toEqual({ kind: 'cut-short', code: 'llm_unreachable' });
    expect(json.claims.map((claim) => claim.text.slice(0, 50))).toEqual(
      sent!.claims.slice(0, 2).map((claim) => claim.text.slice(0, 50)),
    );
    expect(json.notes.join(' ')).toMatch(/cut short: the connection to the language model dropped/);
    const spent = {
      promptTokens: countTokens(promptOf(body!)),
      completionTokens: countTokens(sent!.pieces.slice(0, sent!.pieceAt(2) + 15).join('')),
    };
    expect(json.usage).toEqual(spent);
    expect(budget.usedToday - used).toBe(spent.promptTokens + spent.completionTokens);
  });

  it('the console shows the same: the two claims as they came, then the note', async () => {
    const out = sink();
    const input = new PassThrough();
    const running = runConsole({
      answerer: engine.answerer,
      articles: engine.articles,
      conversations: createConversationStore({ maxTurns: 2, maxAgeMs: 60_000 }),
      logger: createLogger({ level: 'silent' }),
      input,
      output: out.stream,
      modeLine: 'test',
      maxQuestionLength: 500,
    });
    input.end(`${QUESTION}\n/quit\n`);
    await running;
    const text = out.text();
    const lines = text.split('\n').filter((line) => line.startsWith('• '));
    expect(lines.map((line) => line.slice(2, 52))).toEqual(
      sent!.claims.slice(0, 2).map((claim) => claim.text.slice(0, 50)),
    );
    expect(text).toMatch(/Note: This answer was cut short: the connection to the language model dropped/);
    expect(text).not.toMatch(/replaces the lines above|own sentences/);
  });
});
