import { createAnswerer } from '../../src/answering/answerer.js';
import { createConcurrencyLimiter } from '../../src/answering/limit-concurrency.js';
import type { Prompts } from '../../src/answering/prompts.js';
import type { Answerer, Retriever } from '../../src/domain/types.js';
import type { Article } from '../../src/articles/types.js';
import { createLogger } from '../../src/logging/logger.js';
import { createOpenAiLlm } from '../../src/llm/openai-llm.js';
import { createRetriever } from '../../src/retrieval/retriever.js';
import { startFakeOpenAi, type FakeChatBody, type FakeOpenAi } from '../../tests/helpers/fake-openai.js';
import { createQuotingModel } from '../../tests/helpers/quoting-model.js';

/** One call the quoting model answered: what it received and what it replied. */
export interface ModelCall {
  readonly body: FakeChatBody;
  readonly content: string;
}

/** The engine under evaluation: one retriever shared by an extractive and a model-backed answerer. */
export interface EvalEngines {
  readonly retriever: Retriever;
  readonly extractive: Answerer;
  readonly llm: Answerer;
  /** Every chat call the fake model answered, in order. */
  readonly calls: readonly ModelCall[];
  readonly fake: FakeOpenAi;
  close(): Promise<void>;
}

export interface EvalEngineOptions {
  readonly articles: readonly Article[];
  readonly prompts: Prompts;
  /** Share of model replies whose first quote is made up. */
  readonly fabricateShare: number;
  /** Share of model replies whose first quote is cited to the wrong passage. */
  readonly misattributeShare: number;
}

/** Spreads a share evenly over call numbers: true for about `share` of them, starting at `phase`. */
export function evenly(share: number, phase: number): (index: number) => boolean {
  const step = (index: number) => Math.floor(index * share + phase + 1e-9);
  return (index) => share > 0 && step(index + 1) > step(index);
}

/**
 * Wires the real engine as src/index.ts does; the model is the quoting fake behind a fake
 * OpenAI-compatible server on 127.0.0.1, reached through the real SDK.
 */
export async function createEvalEngines(options: EvalEngineOptions): Promise<EvalEngines> {
  const logger = createLogger({ level: 'silent' });
  const calls: ModelCall[] = [];
  const quoting = createQuotingModel({
    fabricate: evenly(options.fabricateShare, 0),
    misattribute: evenly(options.misattributeShare, 0.5),
  });
  const fake = await startFakeOpenAi({
    chat: (body) => {
      const reply = quoting(body);
      if ('content' in reply && typeof reply.content === 'string')
        calls.push({ body, content: reply.content });
      return reply;
    },
  });
  const llm = createOpenAiLlm({
    apiKey: 'sk-eval-0000000000000000',
    baseURL: fake.baseURL,
    model: 'gpt-4.1-mini',
    timeoutMs: 10_000,
    maxRetries: 0,
    maxOutputTokens: 800,
    temperature: 0,
    jsonFormatPrompt: options.prompts.jsonFormat,
    logger,
  });
  const retriever = createRetriever({ articles: options.articles });
  const limiter = createConcurrencyLimiter({ maxConcurrent: 4, maxQueued: 100 });
  return {
    retriever,
    extractive: createAnswerer({ retriever, prompts: options.prompts, logger }),
    llm: createAnswerer({ retriever, prompts: options.prompts, logger, limiter, llm }),
    calls,
    fake,
    close: () => fake.close(),
  };
}
