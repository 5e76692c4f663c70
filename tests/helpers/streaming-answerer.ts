import type { Article } from '../../src/articles/types.js';
import { splitSentences } from '../../src/answering/extractive/sentences.js';
import type { StreamedClaim, StreamEvent } from '../../src/discord/ask/answer-stream.js';
import type { Answer, Answerer, Citation, Question } from '../../src/domain/types.js';
import { streamOnce } from './fake-answerer.js';

/** An answerer with `answerStream`, as the streaming contract describes it, over a real answer. */
export interface StreamingAnswerer extends Answerer {
  answerStream(question: Question, options?: { signal?: AbortSignal }): AsyncIterable<StreamEvent>;
  /** Claims yielded so far, over all questions. */
  readonly yielded: StreamedClaim[];
  /** Whether the last stream was told to stop (its "model call" cancelled). */
  readonly aborted: boolean;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** A stub answerer that always gives `make`'s answer (one 'done' when streamed). */
export function answererOf(make: (question: Question) => Answer): Answerer {
  const answer = (question: Question) => Promise.resolve(make(question));
  return { answer, answerStream: streamOnce(answer) };
}

/** The answer's sentences as claims, each with the citations its markers name (all verified already). */
export function claimsOf(answer: Pick<Answer, 'text' | 'citations'>): StreamedClaim[] {
  return splitSentences(answer.text).map((text) => {
    const markers = new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
    return { text, citations: answer.citations.filter((citation) => markers.has(citation.n)) };
  });
}

/**
 * Streams another answerer's answer claim by claim: the first after `firstMs`, then one every
 * `everyMs` (as a model writing at a steady pace would complete them), then `done`. Abort ends it.
 */
export function streamingAnswerer(
  base: Answerer,
  { firstMs, everyMs }: { readonly firstMs: number; readonly everyMs: number },
): StreamingAnswerer {
  const yielded: StreamedClaim[] = [];
  let aborted = false;
  return {
    yielded,
    get aborted() {
      return aborted;
    },
    answer: (question) => base.answer(question),
    async *answerStream(question, options = {}) {
      const { signal } = options;
      aborted = false;
      const answer = await base.answer(question);
      let wait = firstMs;
      try {
        for (const claim of claimsOf(answer)) {
          await sleep(wait, signal);
          if (signal?.aborted) return;
          wait = everyMs;
          yielded.push(claim);
          yield { type: 'claim', claim };
        }
        await sleep(everyMs, signal);
        if (signal?.aborted) return;
        yield { type: 'done', answer };
      } finally {
        if (signal?.aborted) aborted = true;
      }
    },
  };
}

/**
 * An answer quoting the article's first `count` paragraphs word for word, each as its own claim,
 * `times` over (twice the whole article is longer than one message holds).
 */
export function wholeArticleAnswer(
  article: Article,
  question: string,
  { count = article.paragraphs.length, times = 2 }: { count?: number; times?: number } = {},
): Answer {
  const paragraphs = article.paragraphs.slice(0, count);
  const citations: Citation[] = paragraphs.map((paragraph, index) => ({
    n: index + 1,
    articleId: article.id,
    paragraph: paragraph.n,
    quote: paragraph.text,
    verified: true,
  }));
  const text = paragraphs.map((paragraph, index) => `${paragraph.text} [${index + 1}]`).join(' ');
  return {
    question,
    mode: 'llm',
    text: Array.from({ length: times }, () => text).join(' '),
    citations,
    claims: claimsOf({ text: Array.from({ length: times }, () => text).join(' '), citations }),
    removed: { count: 0, reasons: [] },
    retrieved: [],
    article: { id: article.id, title: article.title, ...(article.url ? { url: article.url } : {}) },
    notes: [],
    suggestions: [],
    usage: { promptTokens: 0, completionTokens: 0 },
    timingsMs: { retrieval: 0, llm: 0, total: 0 },
  };
}
