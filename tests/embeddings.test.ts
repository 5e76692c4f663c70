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
import { createSemanticSearch } from '../src/retrieval/semantic-search.js';
import { DATA_DIR, TEST_KEY } from './helpers/engine.js';
import { startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai.js';

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
