import { splitSentences } from '../../src/answering/extractive/sentences.js';
import type { FakeChatBody, FakeReply } from './fake-openai.js';

/** A passage as the answerer sends it to the model. */
export interface SentPassage {
  readonly number: number;
  readonly paragraph: string;
  readonly text: string;
}

const PASSAGE = /<passage number="(\d+)" paragraph="(¶\d+)">\n([\s\S]*?)\n<\/passage>/g;

function userMessage(body: FakeChatBody): string {
  const message = body.messages.find((entry) => entry.role === 'user');
  return typeof message?.content === 'string' ? message.content : '';
}

/** The passage numbers of the hint line after the story (prompts/hint.md), best first; none without one. */
function readHint(user: string): number[] {
  const line = /^Search ranked these passages[^\n]*$/m.exec(user)?.[0] ?? '';
  return [...line.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
}

/** The passages inside the <passages> delimiters of a chat request, the hint, and the question. */
export function readPrompt(body: FakeChatBody): {
  passages: SentPassage[];
  hinted: number[];
  question: string;
  delimited: boolean;
} {
  const user = userMessage(body);
  const block = /<passages>\n([\s\S]*?)\n<\/passages>/.exec(user)?.[1] ?? '';
  const passages = [...block.matchAll(PASSAGE)].map((match) => ({
    number: Number(match[1]),
    paragraph: match[2] ?? '',
    text: match[3] ?? '',
  }));
  const question = /<question>\n([\s\S]*?)\n<\/question>/.exec(user)?.[1] ?? '';
  // Every passage must sit inside the delimiters: none may appear outside the <passages> block.
  const outside = user.replace(block, '');
  return {
    passages,
    hinted: readHint(user),
    question,
    delimited: passages.length > 0 && !outside.includes('<passage number='),
  };
}

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9]{4,}/g) ?? []);

export interface QuotingModelOptions {
  /** Replace the quote with words that are not in the article. */
  readonly fabricate?: (index: number) => boolean;
  /** Cite the quote to the wrong passage number. */
  readonly misattribute?: (index: number) => boolean;
}

/**
 * A fake model that answers the way a careful model would, from what it receives: it picks the
 * passages sharing most words with the question (among those the hint ranks highest, when the
 * prompt has a hint, as a model would start from them) and quotes their first sentence verbatim,
 * optionally fabricating or misattributing quotes so verification can be exercised.
 */
export function createQuotingModel(options: QuotingModelOptions = {}) {
  let calls = 0;
  return (body: FakeChatBody): FakeReply => {
    const index = calls;
    calls += 1;
    const { passages, hinted, question } = readPrompt(body);
    const asked = words(question);
    const byNumber = new Map(passages.map((passage) => [passage.number, passage]));
    const hintedPassages = hinted.flatMap((number) => byNumber.get(number) ?? []);
    const candidates = hintedPassages.length > 0 ? hintedPassages : passages;
    const ranked = candidates
      .map((passage) => ({
        passage,
        overlap: [...words(passage.text)].filter((word) => asked.has(word)).length,
      }))
      .sort((a, b) => b.overlap - a.overlap);
    const chosen = ranked.slice(0, 2).map((entry) => entry.passage);
    if (chosen.length === 0)
      return { content: JSON.stringify({ answerable: false, answer: 'Not covered.', citations: [] }) };
    const citations = chosen.map((passage, position) => {
      const sentence = (splitSentences(passage.text)[0] ?? passage.text).split(' ').slice(0, 40).join(' ');
      const wrong = options.misattribute?.(index) && passages.length > 1 && position === 0;
      const source = wrong ? (passage.number % passages.length) + 1 : passage.number;
      const quote =
        options.fabricate?.(index) && position === 0
          ? 'officials confirmed a secret deal worth billions'
          : sentence;
      return { source, quote };
    });
    const answer = citations.map((citation) => `The article reports this [${citation.source}].`).join(' ');
    return { content: JSON.stringify({ answerable: true, answer, citations }) };
  };
}
