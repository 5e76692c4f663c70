import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../src/articles/load-articles.js';
import type { Article } from '../src/articles/types.js';
import { createLogger } from '../src/logging/logger.js';
import { createOpenAiEmbedder } from '../src/llm/openai-embedder.js';
import { loadEmbeddingCache } from '../src/retrieval/embedding-cache.js';
import { createRetriever } from '../src/retrieval/retriever.js';
import { withSemanticFallback } from '../src/retrieval/semantic-fallback.js';
import { createSemanticSearch } from '../src/retrieval/semantic-search.js';
import { DATA_DIR, TEST_KEY } from './helpers/engine.js';
import { fakeErrors } from './helpers/fake-openai-errors.js';
import { startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';
import { captureLogs } from './helpers/llm-test-setup.js';

let fake: FakeOpenAi;
let dir: string;
let article: Article;
const logger = createLogger({ level: 'silent' });

beforeAll(async () => {
  fake = await startFakeOpenAi();
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-embeddings-'));
  article = (await loadArticles(DATA_DIR)).articles[0]!;
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const embedder = () =>
  createOpenAiEmbedder({
    apiKey: TEST_KEY,
    baseURL: fake.baseURL,
    model: 'text-embedding-3-small',
    timeoutMs: 2_000,
    maxRetries: 0,
    logger,
  });

describe('embedding cache', () => {
  it('embeds every paragraph once, in one batch, and reuses the disk cache after a restart', async () => {
    const first = await loadEmbeddingCache({ dir, embedder: embedder() });
    await createSemanticSearch({ articles: [article], cache: first, embedder: embedder() });
    expect(fake.embeddingCalls).toBe(1);
    expect(fake.embeddedTexts).toHaveLength(article.paragraphs.length);

    const restarted = await loadEmbeddingCache({ dir, embedder: embedder() });
    await createSemanticSearch({ articles: [article], cache: restarted, embedder: embedder() });
    expect(fake.embeddingCalls).toBe(1);
    expect(restarted.stats).toEqual({ hits: article.paragraphs.length, misses: 0 });
  });

  it('re-embeds only an edited paragraph', async () => {
    const edited: Article = {
      ...article,
      paragraphs: article.paragraphs.map((paragraph) =>
        paragraph.n === 4 ? { ...paragraph, text: `${paragraph.text} An added sentence.` } : paragraph,
      ),
    };
    const before = fake.embeddedTexts.length;
    const cache = await loadEmbeddingCache({ dir, embedder: embedder() });
    await createSemanticSearch({ articles: [edited], cache, embedder: embedder() });
    expect(fake.embeddedTexts.slice(before)).toEqual([edited.paragraphs[3]?.text]);
  });
});

describe('fused retrieval', () => {
  it('fuses BM25 with embedding similarity and embeds each query', async () => {
    const cache = await loadEmbeddingCache({ dir, embedder: embedder() });
    const semantic = await createSemanticSearch({ articles: [article], cache, embedder: embedder() });
    const retriever = createRetriever({ articles: [article], semantic });
    const before = fake.embeddedTexts.length;
    const result = await retriever.retrieve({ question: 'Who drafted the sanctions package?' });
    await retriever.retrieve({ question: 'Who drafted the sanctions package?' });
    // Each distinct question is embedded once, and kept in memory only: the disk cache holds paragraphs.
    expect(fake.embeddedTexts.slice(before)).toEqual(['Who drafted the sanctions package?']);
    const restarted = await loadEmbeddingCache({ dir, embedder: embedder() });
    await restarted.vectorsFor(['Who drafted the sanctions package?']);
    expect(restarted.stats.misses).toBe(1);
    expect(result.relevant).toBe(true);
    expect(result.passages[0]?.paragraph.n).toBe(4);
    // Fusion ranks every paragraph, not only the ones sharing a word with the question.
    expect(result.passages).toHaveLength(5);
  });
});

describe('embeddings are optional for every question', () => {
  const modelMissing = {
    status: 404,
    error: {
      message: 'model "nomic-embed-text" not found, try pulling it first',
      type: 'api_error',
      param: null,
      code: null,
    },
  };

  it('answers with BM25 when a query embedding fails, and keeps embeddings on after a 429 or 5xx', async () => {
    const { logger, text } = captureLogs();
    const cache = await loadEmbeddingCache({ dir, embedder: embedder() });
    const semantic = await createSemanticSearch({ articles: [article], cache, embedder: embedder() });
    const retriever = createRetriever({
      articles: [article],
      semantic: withSemanticFallback(semantic, logger),
    });
    fake.queueEmbeddings(fakeErrors.rateLimited(), {
      status: 503,
      error: { message: 'overloaded', type: 'server_error', param: null, code: null },
    });
    const limited = await retriever.retrieve({ question: 'Who drafted the sanctions package?' });
    const unavailable = await retriever.retrieve({ question: 'What is Salt Typhoon?' });
    expect(limited.passages[0]?.paragraph.n).toBe(4);
    expect(unavailable.passages[0]?.paragraph.n).toBe(2);
    const before = fake.embeddingCalls;
    await retriever.retrieve({ question: 'What did analysts warn about?' });
    expect(fake.embeddingCalls).toBe(before + 1);
    expect(text()).toContain('query embedding failed; this question uses BM25 alone');
  });

  it('turns embeddings off with one warning when the model is missing (404) or the server has none (501)', async () => {
    for (const failure of [
      modelMissing,
      {
        status: 501,
        error: {
          message: 'This server does not support embeddings. Start it with `--embeddings`',
          type: 'not_supported_error',
          param: null,
          code: null,
        },
      },
    ]) {
      const { logger, lines } = captureLogs();
      const cache = await loadEmbeddingCache({ dir, embedder: embedder() });
      const semantic = await createSemanticSearch({ articles: [article], cache, embedder: embedder() });
      const retriever = createRetriever({
        articles: [article],
        semantic: withSemanticFallback(semantic, logger),
      });
      fake.queueEmbeddings(failure);
      const first = await retriever.retrieve({ question: 'Who would the sanctions have targeted?' });
      const before = fake.embeddingCalls;
      const second = await retriever.retrieve({ question: 'What is Salt Typhoon?' });
      expect(first.passages[0]?.paragraph.n).toBe(4);
      expect(second.passages[0]?.paragraph.n).toBe(2);
      expect(fake.embeddingCalls).toBe(before);
      expect(lines.filter((line) => line.includes('embeddings turned off'))).toHaveLength(1);
    }
  });

  it('embeds queries within the chat concurrency cap and not at all while the budget is paused', async () => {
    const cache = await loadEmbeddingCache({ dir, embedder: embedder() });
    let runs = 0;
    let paused: string | undefined = undefined;
    const semantic = await createSemanticSearch({
      articles: [article],
      cache,
      embedder: embedder(),
      gate: {
        run: (task) => {
          runs += 1;
          return task();
        },
        blockedReason: () => paused,
      },
    });
    const retriever = createRetriever({
      articles: [article],
      semantic: withSemanticFallback(semantic, logger),
    });
    await retriever.retrieve({ question: 'What phase is the relationship entering?' });
    expect(runs).toBe(1);
    paused = 'The daily token cap is reached.';
    const before = fake.embeddingCalls;
    const result = await retriever.retrieve({ question: 'How is the decision viewed?' });
    expect(fake.embeddingCalls).toBe(before);
    expect(result.passages[0]?.paragraph.n).toBe(8);
  });
});
