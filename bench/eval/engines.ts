import type { Prompts } from '../../src/answering/prompt/prompts.js';
import type { Answerer, Retriever } from '../../src/domain/types.js';
import type { Article } from '../../src/articles/types.js';
import { createLogger } from '../../src/logging/logger.js';
import { createEngine } from '../../src/engine/create-engine.js';
import { ROOT, testConfig } from '../../tests/helpers/engine.js';
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
 * Builds the real engine with src's createEngine, twice over one retriever; the model is the quoting fake behind a fake
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
    promptCache: true,
    chat: (body) => {
      const reply = quoting(body);
      if ('content' in reply && typeof reply.content === 'string')
        calls.push({ body, content: reply.content });
      return reply;
    },
  });
  const deps = { root: ROOT, logger, articles: options.articles, prompts: options.prompts };
  const model = await createEngine(testConfig({ baseURL: fake.baseURL, timeoutMs: 10_000 }), {
    ...deps,
    loadSemantic: () => Promise.resolve(undefined),
    loadBudget: () => Promise.resolve(undefined),
  });
  const { retriever } = model;
  const extractive = await createEngine(testConfig(), { ...deps, retriever });
  return {
    retriever,
    extractive: extractive.answerer,
    llm: model.answerer,
    calls,
    fake,
    close: () => fake.close(),
  };
}
