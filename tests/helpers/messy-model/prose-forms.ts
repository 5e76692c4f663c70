import type { SentPassage } from '../quoting-model.js';
import type { FakeAnswer, FakeClaim, MessyForm } from './types.js';

type Markers = (numbers: readonly number[]) => string;
type Footnote = (n: number, quote: string) => string;

const sourcesOf = (claim: FakeClaim) => [...new Set(claim.quotes.map((quote) => quote.passage))];
const withMarker = (text: string, marker: string, afterStop = false) => {
  if (!marker) return text;
  return afterStop ? `${text} ${marker}` : `${text.replace(/\.$/, '')} ${marker}.`;
};

/**
 * A prose answer: one sentence per claim with its markers, then the quotes as footnotes
 * (or, `inline`, inside the sentence in quotation marks). The decline is a plain sentence.
 */
function prose(
  name: string,
  markers: Markers,
  footnote: Footnote,
  inline = false,
  afterStop = false,
): MessyForm {
  return {
    name,
    family: 'prose',
    render(answer: FakeAnswer) {
      if (!answer.answerable) return { content: "The article doesn't say anything about that." };
      const sentences = answer.claims.map((claim) => {
        const marker = claim.quotes.length > 0 ? markers(sourcesOf(claim)) : '';
        if (!inline || !claim.quotes[0]) return withMarker(claim.text, marker, afterStop);
        return withMarker(`${claim.text.replace(/\.$/, '')}: “${claim.quotes[0].quote}”`, marker);
      });
      const notes = inline
        ? []
        : answer.claims.flatMap((claim) => claim.quotes.map((quote) => footnote(quote.passage, quote.quote)));
      const uncovered = answer.notCovered ? [`The article doesn't say ${answer.notCovered}.`] : [];
      const body = [...sentences, ...uncovered].join(' ');
      return { content: notes.length > 0 ? `${body}\n\nSources:\n${[...new Set(notes)].join('\n')}` : body };
    },
  };
}

const quoted = (n: number, quote: string) => `[${n}] "${quote}"`;
const range: Markers = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted.at(-1);
  return sorted.length > 1 && last !== undefined && first !== undefined && last - first === sorted.length - 1
    ? `[${first}-${last}]`
    : `[${sorted.join(', ')}]`;
};

/** Forms that write prose with markers, in every marker form real models use. */
export const PROSE_FORMS: readonly MessyForm[] = [
  prose('prose-brackets', (ns) => ns.map((n) => `[${n}]`).join(' '), quoted),
  prose(
    'prose-parens',
    (ns) => ns.map((n) => `(${n})`).join(' '),
    (n, q) => `(${n}) "${q}"`,
  ),
  prose('prose-range', range, quoted),
  prose(
    'prose-lenticular',
    (ns) => ns.map((n) => `【${n}】`).join(''),
    (n, q) => `【${n}】 ${q}`,
  ),
  prose(
    'prose-passage-word',
    (ns) => ns.map((n) => `[Passage ${n}]`).join(' '),
    (n, q) => `Passage ${n}: "${q}"`,
  ),
  prose(
    'prose-footnote-caret',
    (ns) => ns.map((n) => `[^${n}]`).join(''),
    (n, q) => `[^${n}]: ${q}`,
  ),
  prose('prose-adjacent', (ns) => ns.map((n) => `[${n}]`).join(''), quoted),
  prose('prose-comma-list', (ns) => `[${ns.join(', ')}]`, quoted),
  prose('prose-inline-quotes', (ns) => ns.map((n) => `[${n}]`).join(''), quoted, true),
  // Markers after the full stop, where the next sentence could take them.
  prose(
    'prose-parens-after-stop',
    (ns) => ns.map((n) => `(${n})`).join(' '),
    (n, q) => `(${n}) "${q}"`,
    false,
    true,
  ),
  prose(
    'prose-lenticular-after-stop',
    (ns) => ns.map((n) => `【${n}】`).join(''),
    (n, q) => `【${n}】 ${q}`,
    false,
    true,
  ),
];

/** Forms whose quotes depend on the passages: an honest ellipsis, a quote across two passages. */
export function passageForms(): MessyForm[] {
  const words = (text: string) => text.split(/\s+/).filter(Boolean);
  return [
    {
      name: 'quote-ellipsis',
      family: 'json',
      render: (answer) => ({
        content: JSON.stringify({
          answerable: answer.answerable,
          claims: answer.claims.map((claim) => ({
            quotes: claim.quotes.map((quote) => {
              const list = words(quote.quote);
              const elided =
                list.length >= 14
                  ? `${list.slice(0, 6).join(' ')} ... ${list.slice(-6).join(' ')}`
                  : quote.quote;
              return { source: quote.passage, quote: elided };
            }),
            text: claim.text,
          })),
          not_covered: answer.notCovered,
        }),
      }),
    },
    {
      name: 'quote-across-passages',
      family: 'json',
      render: (answer, passages: readonly SentPassage[]) => ({
        content: JSON.stringify({
          answerable: answer.answerable,
          claims: answer.claims.map((claim, index) => {
            const first = claim.quotes[0];
            const next = first && passages.find((passage) => passage.number === first.passage + 1);
            const own = first && passages.find((passage) => passage.number === first.passage);
            if (index > 0 || claim.invented || !first || !next || !own)
              return {
                quotes: claim.quotes.map((q) => ({ source: q.passage, quote: q.quote })),
                text: claim.text,
              };
            const across = `${words(own.text).slice(-6).join(' ')} ${words(next.text).slice(0, 6).join(' ')}`;
            return {
              quotes: [
                { source: first.passage, quote: first.quote },
                { source: first.passage, quote: across },
              ],
              text: claim.text,
            };
          }),
          not_covered: answer.notCovered,
        }),
      }),
    },
  ];
}
