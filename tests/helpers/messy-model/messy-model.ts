import { splitSentences } from '../../../src/answering/extractive/sentences.js';
import type { FakeChatBody, FakeReply } from '../fake-openai.js';
import { readPrompt, type SentPassage } from '../quoting-model.js';
import { hashOf, paraphrase } from './paraphrase.js';
import { storyParaphrase } from './story-paraphrases.js';
import type { FakeAnswer, FakeClaim, FakeQuote, MessyForm } from './types.js';

/** The ways the fake invents a claim and slips it into a true answer. */
export const INVENTED_KINDS = [
  'name',
  'amount',
  'words',
  'fake-quote',
  'ellipsis',
  'quotation',
  'unmarked',
] as const;
export type InventedKind = (typeof INVENTED_KINDS)[number] | 'opposite';

const STOP = new Set(
  'what when where which while who whom whose why how does did do the and for with that this from into about have has had was were are is its their they them than then there these those would could should will been being after before over under also said says say article story'.split(
    ' ',
  ),
);
const wordsOf = (text: string) =>
  new Set((text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []).filter((word) => !STOP.has(word)));

const MAX_QUOTE_WORDS = 32;

function quoteOf(sentence: string): string {
  const words = sentence.split(/\s+/);
  if (words.length <= MAX_QUOTE_WORDS) return sentence;
  const cut = words.slice(0, MAX_QUOTE_WORDS);
  const comma = cut
    .map((word, index) => (word.endsWith(',') && index >= 8 ? index : -1))
    .filter((i) => i > 0)
    .at(-1);
  return cut
    .slice(0, (comma ?? MAX_QUOTE_WORDS - 1) + 1)
    .join(' ')
    .replace(/,$/, '');
}

/** The sentence of a passage that shares most words with the question (the first on a tie). */
function bestSentence(passage: SentPassage, asked: ReadonlySet<string>): string {
  const sentences = splitSentences(passage.text).filter((sentence) => sentence.split(/\s+/).length >= 6);
  const scored = sentences.map((sentence) => [...wordsOf(sentence)].filter((word) => asked.has(word)).length);
  const best = scored.indexOf(Math.max(...scored));
  return sentences[best] ?? passage.text;
}

/** What a careful model would answer from the passages: honest, in its own words. */
export function honestAnswer(passages: readonly SentPassage[], question: string): FakeAnswer {
  const asked = wordsOf(question);
  const names = (question.slice(1).match(/\b[A-Z][a-z]{2,}\b/g) ?? []).filter(
    (name) => !STOP.has(name.toLowerCase()),
  );
  const all = passages.map((passage) => passage.text).join(' ');
  const unknownName = names.some((name) => !all.includes(name));
  const ranked = passages
    .map((passage) => ({
      passage,
      overlap: [...wordsOf(passage.text)].filter((word) => asked.has(word)).length,
    }))
    .sort((a, b) => b.overlap - a.overlap);
  if (unknownName || (ranked[0]?.overlap ?? 0) < 1)
    return { answerable: false, claims: [], notCovered: question };
  const chosen = ranked.slice(0, 2).filter((entry, index) => index === 0 || entry.overlap > 0);
  const claims: FakeClaim[] = chosen.map(({ passage }) => {
    const sentence = bestSentence(passage, asked);
    const quote: FakeQuote = {
      passage: passage.number,
      paragraph: Number(passage.paragraph.slice(1)),
      quote: quoteOf(sentence),
    };
    return { text: storyParaphrase(sentence) ?? paraphrase(quote.quote), quotes: [quote] };
  });
  return { answerable: true, claims, notCovered: null };
}

/** A made-up claim of the given kind, leaning on a true claim's evidence; `invented` is its tell-tale phrase. */
export function inventedClaim(kind: InventedKind, honest: FakeClaim): FakeClaim {
  const quotes = honest.quotes;
  const first = quotes[0];
  switch (kind) {
    case 'name':
      return { text: 'Officials also met in Geneva to discuss the decision.', quotes, invented: 'Geneva' };
    case 'amount':
      return { text: 'The package also included a $5bn payment to Beijing.', quotes, invented: '$5bn' };
    case 'words':
      return {
        text: 'The sanctions were later lifted entirely after a court ruling.',
        quotes,
        invented: 'lifted entirely',
      };
    case 'fake-quote':
      return {
        text: 'Officials confirmed a secret deal worth billions.',
        quotes: [
          {
            passage: first?.passage ?? 1,
            paragraph: first?.paragraph ?? 1,
            quote: 'officials confirmed a secret deal worth billions',
          },
        ],
        invented: 'secret deal',
      };
    case 'ellipsis': {
      const head = (first?.quote ?? '').split(/\s+/).slice(0, 6).join(' ');
      return {
        text: `${head}, and the deal was signed in secret by both leaders.`,
        quotes: [
          {
            passage: first?.passage ?? 1,
            paragraph: first?.paragraph ?? 1,
            quote: `${head} … and the deal was signed in secret by both leaders`,
          },
        ],
        invented: 'signed in secret',
      };
    }
    case 'quotation': {
      const phrase = (first?.quote ?? '').split(/\s+/).slice(0, 5).join(' ');
      const altered = `${phrase} quietly`;
      return { text: `The article says it “${altered}”.`, quotes, invented: altered };
    }
    case 'unmarked':
      return {
        text: 'Both governments have since agreed to a formal peace treaty.',
        quotes: [],
        invented: 'peace treaty',
      };
    case 'opposite': {
      const text = honest.text.replace(/\b(has|had|have|is|was|were|would|will|could)\b/, '$1 not');
      return {
        text: text === honest.text ? `It is not true that ${honest.text}` : text,
        quotes,
        invented: ' not ',
      };
    }
  }
}

export interface MessyModelOptions {
  readonly form: MessyForm;
  /** The invented claim to slip into the answer to this question, if any. */
  readonly invent?: (question: string) => InventedKind | undefined;
}

/** What the fake said for one question, for the evaluation to compare with what readers saw. */
export interface MessyCall {
  readonly question: string;
  readonly answer: FakeAnswer;
  readonly content: string;
}

/**
 * A realistic, messy model behind the fake OpenAI server: honest in substance (it paraphrases the
 * passages it is sent, as real models do), written in one of many real-world forms, optionally
 * with an invented claim in the middle of a true answer.
 */
export function createMessyModel(options: MessyModelOptions) {
  const calls: MessyCall[] = [];
  const handler = (body: FakeChatBody): FakeReply => {
    const { passages, question } = readPrompt(body);
    const honest = honestAnswer(passages, question);
    const kind = honest.answerable ? options.invent?.(question) : undefined;
    const anchor = honest.claims[0];
    const claims =
      kind && anchor ? [anchor, inventedClaim(kind, anchor), ...honest.claims.slice(1)] : honest.claims;
    const answer = { ...honest, claims };
    const reply = options.form.render(answer, passages);
    calls.push({ question, answer, content: reply.content ?? '' });
    return reply;
  };
  return { handler, calls };
}

/** Picks one of the kinds for a question, spread evenly and repeatably. */
export function kindFor(question: string, kinds: readonly InventedKind[] = INVENTED_KINDS): InventedKind {
  return kinds[hashOf(question) % kinds.length] ?? 'name';
}
