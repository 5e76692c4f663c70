import type { Retrieval, Retriever } from '../../domain/types.js';
import { loadNlp } from '../../text/nlp.js';
import { clarifyStoryText, socialText } from './intent-replies.js';
import { SOCIAL_INTENTS, type ReaderIntent } from './intents.js';
import { NO_USAGE } from '../../domain/types.js';
import type { Draft } from '../reply/draft.js';
import { summaryPassages } from './summary.js';

/** What routing a reader intent produced: the draft, the retrieval it rests on, the intent decided. */
export interface Routed {
  readonly draft: Draft;
  readonly retrieval: Retrieval;
  readonly intent: ReaderIntent;
}

/** A friendly reply: quotes nothing, calls no model. */
function reply(text: string): Draft {
  return {
    mode: 'reply',
    text,
    claims: [],
    citations: [],
    removed: { count: 0, reasons: [] },
    notes: [],
    usage: NO_USAGE,
    llmMs: 0,
  };
}

/**
 * Routes a reader intent decided before retrieval: greetings and questions about the bot get a
 * friendly reply with questions to try; a question too vague to pick a story asks which one; a
 * summary is drafted from the lead and the central paragraphs; anything else takes `draft` as is.
 */
export async function routeIntent(
  intent: ReaderIntent,
  retrieval: Retrieval,
  deps: { readonly retriever: Retriever },
  draft: (retrieval: Retrieval) => Promise<Draft>,
): Promise<Routed> {
  if (SOCIAL_INTENTS.has(intent)) {
    const text = await socialText(intent, await loadNlp(), deps.retriever, retrieval);
    return { draft: reply(text), retrieval, intent };
  }
  if (retrieval.choices) {
    const text = clarifyStoryText(retrieval, false, deps.retriever.articles.length);
    return { draft: reply(text), retrieval, intent: 'clarify-story' };
  }
  if (intent === 'summary') {
    const passages = summaryPassages(await loadNlp(), retrieval.article);
    const summary: Retrieval = { ...retrieval, passages, relevant: passages.length > 0, strategy: 'summary' };
    return { draft: await draft(summary), retrieval: summary, intent };
  }
  return { draft: await draft(retrieval), retrieval, intent };
}
