import type { FakeChatSuccess } from '../fake-openai.js';
import type { FakeAnswer, FakeClaim, FakeQuote, MessyForm } from './types.js';

interface Shape {
  readonly claimsKey?: string;
  readonly quotesKey?: string;
  readonly textKey?: string;
  readonly answerableKey?: string | null;
  readonly answerable?: (value: boolean) => unknown;
  readonly source?: (quote: FakeQuote) => unknown;
  readonly quote?: (quote: FakeQuote) => string;
  readonly text?: (claim: FakeClaim) => string;
}

/** The reply as a JSON object in some dialect of the contract. */
function objectOf(answer: FakeAnswer, shape: Shape = {}): Record<string, unknown> {
  const claims = answer.claims.map((claim) => ({
    [shape.quotesKey ?? 'quotes']: claim.quotes.map((quote) => ({
      source: (shape.source ?? ((q: FakeQuote) => q.passage))(quote),
      quote: (shape.quote ?? ((q: FakeQuote) => q.quote))(quote),
    })),
    [shape.textKey ?? 'text']: (shape.text ?? ((c: FakeClaim) => c.text))(claim),
  }));
  const answerable =
    shape.answerableKey === null
      ? {}
      : {
          [shape.answerableKey ?? 'answerable']: (shape.answerable ?? ((v: boolean) => v))(answer.answerable),
        };
  return { ...answerable, [shape.claimsKey ?? 'claims']: claims, not_covered: answer.notCovered };
}

const json = (name: string, write: (answer: FakeAnswer) => string | FakeChatSuccess): MessyForm => ({
  name,
  family: 'json',
  render: (answer) => {
    const written = write(answer);
    return typeof written === 'string' ? { content: written } : written;
  },
});
const plain = (answer: FakeAnswer, shape?: Shape) => JSON.stringify(objectOf(answer, shape));
const pretty = (answer: FakeAnswer, shape?: Shape) => JSON.stringify(objectOf(answer, shape), null, 2);

/** The old contract: one answer text with [n] markers, and a citations list. */
function oldForm(answer: FakeAnswer): string {
  const text = answer.claims
    .map((claim) => {
      const markers = [...new Set(claim.quotes.map((quote) => quote.passage))].map((n) => `[${n}]`).join('');
      return `${claim.text.replace(/\.$/, '')} ${markers}.`.replace(/ \./, '.');
    })
    .join(' ');
  const citations = answer.claims.flatMap((claim) =>
    claim.quotes.map((q) => ({ source: q.passage, quote: q.quote })),
  );
  return JSON.stringify({ answerable: answer.answerable, answer: text, citations });
}

/** Cut off at the token limit inside the last claim (an extra claim is written so one is lost). */
function truncated(answer: FakeAnswer): FakeChatSuccess {
  const last = answer.claims.at(-1);
  if (!last) return { content: plain(answer) };
  const longer = {
    ...answer,
    claims: [...answer.claims, { ...last, text: `${last.text} It adds more detail.` }],
  };
  const text = pretty(longer);
  const start = text.lastIndexOf('"quotes"');
  return { content: text.slice(0, start + Math.floor((text.length - start) * 0.6)), finishReason: 'length' };
}

/** Forms that write JSON: the contract and every deviation real servers produce. */
export const JSON_FORMS: readonly MessyForm[] = [
  json('contract', (a) => plain(a)),
  json('fenced', (a) => `\`\`\`json\n${pretty(a)}\n\`\`\``),
  json(
    'prose-around',
    (a) => `Sure! Here is the answer as JSON:\n\n${pretty(a)}\n\nLet me know if you need more.`,
  ),
  json(
    'think-block',
    (a) =>
      `<think>\nThe reader asks about this. Draft: {"claims": []} — no, quote first.\n</think>\n${plain(a)}`,
  ),
  json('trailing-commas', (a) => pretty(a).replace(/(["\]}])(\n\s*[\]}])/g, '$1,$2')),
  json(
    'comments',
    (a) =>
      `// answer\n${pretty(a).replace('"claims": [', '"claims": [\n    // evidence first, then the claim\n')}`,
  ),
  json('missing-answerable', (a) => plain(a, { answerableKey: null })),
  json('answerable-string', (a) => plain(a, { answerable: (v) => String(v) })),
  json('key-citations', (a) => plain(a, { quotesKey: 'citations' })),
  json('key-sources', (a) => plain(a, { quotesKey: 'sources' })),
  json('key-evidence', (a) => plain(a, { quotesKey: 'evidence' })),
  json('key-claim', (a) => plain(a, { textKey: 'claim' })),
  json('capitalised-keys', (a) => plain(a, { claimsKey: 'Claims', answerableKey: 'Answerable' })),
  json('old-answer-citations', oldForm),
  json('source-string', (a) => plain(a, { source: (q) => String(q.passage) })),
  json('source-bracket', (a) => plain(a, { source: (q) => `[${q.passage}]` })),
  json('source-passage', (a) => plain(a, { source: (q) => `Passage ${q.passage}` })),
  json('source-paragraph', (a) => plain(a, { source: (q) => `¶${q.paragraph}` })),
  json('zero-based', (a) => plain(a, { source: (q) => q.passage - 1 })),
  json('truncated', truncated),
  json('quote-copied-marker', (a) => plain(a, { quote: (q) => `${q.quote} [${q.passage}]` })),
  json('quote-bracket-insertion', (a) => plain(a, { quote: (q) => `[the article says] ${q.quote}` })),
  json('claim-text-markers', (a) =>
    plain(a, { text: (c) => `${c.text.replace(/\.$/, '')} [${c.quotes[0]?.passage ?? 1}].` }),
  ),
  json('quote-typography', (a) =>
    plain(a, {
      quote: (q) => q.quote.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[—–]/g, '-').toLowerCase(),
    }),
  ),
];
