import path from 'node:path';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../src/articles/load-articles.js';
import type { Article } from '../src/articles/types.js';
import { processTerm, tokenize } from '../src/text/analyzer.js';
import { createArticleIndex, type ArticleIndex } from '../src/retrieval/article-index.js';
import { DATA_DIR, ROOT } from './helpers/engine.js';

let articles: Article[];
let index: ArticleIndex;

beforeAll(async () => {
  const story = await loadArticles(DATA_DIR);
  const corpus = await loadArticles(path.join(ROOT, 'tests/fixtures/articles/corpus'), { recursive: true });
  articles = [...story.articles, ...corpus.articles];
  index = createArticleIndex(articles);
});

const QUERIES = [
  'What is Salt Typhoon?',
  'Why did the U.S. halt the sanctions against the MSS?',
  'How many bags of cocoa arrived?',
  'Who won the match?',
  'technology phones broadband',
  'sanctions sanctions trade',
];

describe('article-level index', () => {
  it('ranks and scores stories exactly as MiniSearch does with whole terms', () => {
    const reference = new MiniSearch<{ id: string; title: string; text: string }>({
      fields: ['title', 'text'],
      tokenize,
      processTerm,
      searchOptions: { combineWith: 'OR', boost: { title: 2 } },
    });
    for (const article of articles) {
      reference.add({
        id: article.id,
        title: article.title,
        text: article.paragraphs.map((p) => p.text).join('\n'),
      });
    }
    for (const query of QUERIES) {
      const expected = reference.search(query).slice(0, 3);
      const actual = index.search(query, 3);
      expect(
        actual.map((hit) => hit.id),
        query,
      ).toEqual(expected.map((hit) => String(hit.id)));
      actual.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]?.score ?? 0, 9));
    }
  });

  it('gives the same answer every time (its scratch arrays are reset) and respects the limit', () => {
    const first = index.search(QUERIES[1] ?? '', 2);
    index.search(QUERIES[2] ?? '', 5);
    expect(index.search(QUERIES[1] ?? '', 2)).toEqual(first);
    expect(first.length).toBeLessThanOrEqual(2);
    expect(first[0]?.id).toBe(articles[0]?.id);
    expect(index.search('the of and', 5)).toEqual([]);
  });
});
