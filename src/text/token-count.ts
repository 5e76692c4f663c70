import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Counts the tokens of a text for the OpenAI models of the 4o, 4.1 and 5 families (o200k_base). */
export type CountTokens = (text: string) => Promise<number>;

// The worker loads gpt-tokenizer's encoding (CommonJS build, path resolved here) and answers counts by id.
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { countTokens } = require(workerData.encoding);
parentPort.on('message', ({ id, text }) => parentPort.postMessage({ id, tokens: countTokens(text) }));
`;

/**
 * Creates a token counter over gpt-tokenizer's o200k_base encoding, run in a worker thread that
 * starts on the first count and stops once idle. Loading the encoding takes 0.2 to 0.8 s and about
 * 70 MB: in a worker it neither blocks the bot's event loop nor stays in its memory, and stories
 * are counted once each (the prompt layout remembers the result).
 */
export function createTokenCounter({ idleMs = 2_000 }: { readonly idleMs?: number } = {}): CountTokens {
  const encoding = createRequire(import.meta.url).resolve('gpt-tokenizer/encoding/o200k_base');
  const pending = new Map<number, { resolve: (tokens: number) => void; reject: (error: Error) => void }>();
  let worker: Worker | undefined;
  let nextId = 0;
  let idle: NodeJS.Timeout | undefined;

  const stop = () => {
    void worker?.terminate();
    worker = undefined;
  };
  const fail = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker = undefined;
  };
  const start = (): Worker => {
    // No execArgv: the worker must not inherit loaders or flags meant for the main thread (tsx, test runners).
    const started = new Worker(WORKER_CODE, { eval: true, workerData: { encoding }, execArgv: [] });
    started.on('message', ({ id, tokens }: { id: number; tokens: number }) => {
      pending.get(id)?.resolve(tokens);
      pending.delete(id);
      if (pending.size > 0) return;
      started.unref();
      idle = setTimeout(stop, idleMs).unref();
    });
    // Only the current worker's end matters: an idle one stopped earlier exits while a new one works.
    started.on('error', (error) => worker === started && fail(error));
    started.on('exit', (code) => {
      if (worker === started) fail(new Error(`token counter stopped (exit code ${code})`));
    });
    return started;
  };

  return (text) =>
    new Promise<number>((resolve, reject) => {
      clearTimeout(idle);
      worker ??= start();
      // Held open while counts are pending (the process must not exit mid-count), let go when idle.
      worker.ref();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, text });
    });
}

/** Where counts are kept between processes (a content cache on disk, in the composition root). */
export interface StoredCounts {
  get(text: string): number | undefined;
  set(text: string, tokens: number): void;
}

/**
 * Counts through `store` first: a text counted once (a story rendered with the prompt template, so a
 * changed story or template is a new text) is never counted again, and a process whose counts are
 * all stored never starts the tokenizer worker.
 */
export function withStoredCounts(count: CountTokens, store: StoredCounts): CountTokens {
  return async (text) => {
    const known = store.get(text);
    if (known !== undefined) return known;
    const tokens = await count(text);
    store.set(text, tokens);
    return tokens;
  };
}

let shared: CountTokens | undefined;

/**
 * The process's one token counter, so engines built side by side (tests, the bench, shards) share a
 * single worker and load the encoding once; it stops after 30 s without work.
 */
export function sharedTokenCounter(): CountTokens {
  shared ??= createTokenCounter({ idleMs: 30_000 });
  return shared;
}
