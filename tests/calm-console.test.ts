import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../src/llm/circuit-breaker.js';
import { UserFacingError } from '../src/errors.js';
import { createLogger } from '../src/logging/logger.js';
import type { ChatRequest, LlmClient } from '../src/domain/ports.js';
import { runStorybot } from './helpers/spawn-cli.js';

// A model server that is down: every request gets a 503, as a proxy in front of a stopped model does.
let server: Server;
let requests = 0;
beforeAll(async () => {
  server = createServer((request, response) => {
    requests += 1;
    request.resume();
    response.writeHead(503, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ error: { message: 'upstream model is not running', type: 'server_error' } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the console with the model server down', () => {
  it(
    'says so once, to the operator, answers the next questions without calling it, and logs to a file',
    { timeout: 90_000 },
    async () => {
      const varDir = await mkdtemp(path.join(tmpdir(), 'storybot-calm-'));
      const { port } = server.address() as AddressInfo;
      const env = {
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
        OPENAI_MAX_RETRIES: '1',
        OPENAI_EMBEDDING_MODEL: 'off',
        STORYBOT_VAR_DIR: varDir,
      };
      // What one question costs the server when it is down (tries, retries, format step-downs)...
      await runStorybot([], { input: 'What is Salt Typhoon?\n/quit', env });
      const perQuestion = requests;
      expect(perQuestion).toBeGreaterThan(0);
      const input = [
        'What is Salt Typhoon?',
        'Who drafted the sanctions package?',
        'What did China do?',
        '/quit',
      ];
      const run = await runStorybot([], { input: input.join('\n'), env });
      expect(run.code).toBe(0);
      // ...is what all three cost: the next two questions went straight to the article.
      expect(requests - perQuestion).toBe(perQuestion);
      const answers = run.stdout.split('you> ').slice(1, 4);
      expect(answers).toHaveLength(3);
      for (const answer of answers) expect(answer).toContain('Sources:');
      expect(run.stdout.match(/having problems right now/g)).toHaveLength(1);
      expect(answers[1]).toContain('while the language model is paused');
      expect(run.stdout).not.toContain("bot's operator");
      // No log line in the chat or on the terminal: they are in var/storybot.log.
      expect(run.stdout).not.toContain('"level"');
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain(`Log: ${path.relative(process.cwd(), path.join(varDir, 'storybot.log'))}`);
      const log = await readFile(path.join(varDir, 'storybot.log'), 'utf8');
      expect(log).toContain('model server down; answering extractively for now');
    },
  );
});

describe('the model circuit breaker', () => {
  const down = new UserFacingError("I couldn't reach the language model service.", 'llm_unreachable');
  const request: ChatRequest = { messages: [{ role: 'user', content: 'hi' }] } as unknown as ChatRequest;

  it('opens on a server-down failure, refuses at once while open, and tries again after the cooldown', async () => {
    let calls = 0;
    let up = false;
    const llm: LlmClient = {
      model: 'm',
      chat: () => {
        calls += 1;
        return up ? Promise.resolve({ text: 'ok' } as never) : Promise.reject(down);
      },
    };
    let now = 0;
    const breaker = createCircuitBreaker(llm, {
      cooldownMs: 1_000,
      now: () => now,
      logger: createLogger({ level: 'silent' }),
    });
    await expect(breaker.chat(request)).rejects.toBe(down);
    await expect(breaker.chat(request)).rejects.toMatchObject({ code: 'llm_paused', message: down.message });
    expect(calls).toBe(1);
    now = 1_000;
    await expect(breaker.chat(request)).rejects.toBe(down);
    expect(calls).toBe(2);
    now = 2_000;
    up = true;
    await expect(breaker.chat(request)).resolves.toEqual({ text: 'ok' });
    await expect(breaker.chat(request)).resolves.toEqual({ text: 'ok' });
    expect(calls).toBe(4);
  });

  it('stays closed for failures of one question (a refusal, a bad request)', async () => {
    const refusal = new UserFacingError('declined', 'llm_refusal');
    let calls = 0;
    const llm: LlmClient = { model: 'm', chat: () => ((calls += 1), Promise.reject(refusal)) };
    const breaker = createCircuitBreaker(llm, { logger: createLogger({ level: 'silent' }) });
    await expect(breaker.chat(request)).rejects.toBe(refusal);
    await expect(breaker.chat(request)).rejects.toBe(refusal);
    expect(calls).toBe(2);
  });
});
