import { UserFacingError } from '../../errors.js';
import { claimsReplySchema, type ClaimsReply, type RawClaim } from './claims-schema.js';
import { LLM_ERROR_MESSAGES } from '../llm-error-messages.js';
import { findMarkers, parseSourceRef, type SourceRef } from './markers.js';
import { closedItemsOfFirstArray, findModelJson, stripThinking } from './parse-model-json.js';
import { readProse, type LooseClaim } from './prose-claims.js';

/** How the reply was written: JSON (any dialect) or prose with markers. */
export type ReplyForm = 'json' | 'prose';

/** A model reply read into the contract: sources resolved to passage numbers (0 = none named). */
export interface ReadReply extends ClaimsReply {
  readonly form: ReplyForm;
}

type Loose = Record<string, unknown>;

const CLAIM_LISTS = ['claims', 'statements', 'points', 'answer', 'answers'];
const QUOTE_LISTS = ['quotes', 'citations', 'sources', 'evidence', 'support', 'quotations', 'references'];
const TEXTS = ['text', 'claim', 'statement', 'sentence', 'answer', 'content'];
const QUOTE_TEXTS = ['quote', 'text', 'excerpt', 'span', 'evidence', 'content'];
const SOURCES = ['source', 'passage', 'source_id', 'id', 'ref', 'n', 'number', 'paragraph', 'index'];
const NOT_COVERED = ['not_covered', 'notCovered', 'not covered', 'uncovered', 'unanswered', 'missing'];

const JSON_LIKE = /^\s*[{[]|```|"(?:answerable|claims|citations|answer)"\s*:/u;

const isRecord = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first of `keys` present in the object, matched case-insensitively. */
function pick(object: Loose, keys: readonly string[]): unknown {
  const lower = new Map(Object.entries(object).map(([key, value]) => [key.toLowerCase(), value]));
  for (const key of keys) if (lower.has(key.toLowerCase())) return lower.get(key.toLowerCase());
  return undefined;
}

function looseQuote(value: unknown): LooseClaim['quotes'][number] | undefined {
  if (typeof value === 'string') {
    const marker = findMarkers(value)[0];
    return { ...(marker?.refs[0] && { ref: marker.refs[0] }), quote: value };
  }
  if (!isRecord(value)) return undefined;
  const quote = pick(value, QUOTE_TEXTS);
  if (typeof quote !== 'string') return undefined;
  const ref = parseSourceRef(pick(value, SOURCES)) ?? findMarkers(quote)[0]?.refs[0];
  return { ...(ref && { ref }), quote };
}

function looseClaim(value: unknown): LooseClaim | undefined {
  if (typeof value === 'string') return { text: value, quotes: [] };
  if (!isRecord(value)) return undefined;
  const text = pick(value, TEXTS);
  const list = pick(value, QUOTE_LISTS);
  const quotes = (Array.isArray(list) ? list : list === undefined ? [] : [list]).flatMap(
    (quote) => looseQuote(quote) ?? [],
  );
  const refs = typeof text === 'string' ? findMarkers(text).flatMap((marker) => marker.refs) : [];
  // A quote without a source borrows the claim's own marker, when it wrote one.
  const sourced = quotes.map((quote) => (quote.ref || !refs[0] ? quote : { ...quote, ref: refs[0] }));
  return typeof text === 'string' ? { text, quotes: sourced } : undefined;
}

const REPLY_KEYS = ['answerable', ...CLAIM_LISTS, ...NOT_COVERED];
const looksLikeReply = (value: object): boolean => isRecord(value) && pick(value, REPLY_KEYS) !== undefined;

function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false|yes|no)$/i.test(value.trim()))
    return /^(true|yes)$/i.test(value.trim());
  return undefined;
}

/** Claims from a JSON object in any dialect seen: the contract, renamed keys, or the old answer + citations. */
function fromObject(
  object: Loose,
  closed: boolean,
  source: string,
): { claims: LooseClaim[]; notCovered: unknown } {
  const list = pick(object, CLAIM_LISTS);
  const notCovered = pick(object, NOT_COVERED);
  if (Array.isArray(list)) {
    const claims = list.flatMap((claim) => looseClaim(claim) ?? []);
    // Cut off at the token limit: the last claim may be half written; keep those that were closed.
    return { claims: closed ? claims : claims.slice(0, closedItemsOfFirstArray(source)), notCovered };
  }
  if (typeof list === 'string') {
    if (!closed) return { claims: [], notCovered };
    const cited = pick(object, QUOTE_LISTS);
    const quotes = (Array.isArray(cited) ? cited : []).flatMap((quote) => looseQuote(quote) ?? []);
    const prose = readProse(list, quotes);
    return { claims: prose.claims, notCovered: notCovered ?? prose.notCovered };
  }
  return { claims: [], notCovered };
}

/** Passage numbers for the refs: ¶ labels mapped to the passage showing that paragraph, 0-based lists shifted. */
function resolver(claims: readonly LooseClaim[], paragraphs: readonly number[]) {
  const numbers = claims.flatMap((claim) =>
    claim.quotes.flatMap((quote) => (quote.ref?.kind === 'passage' ? [quote.ref.n] : [])),
  );
  const zeroBased = numbers.includes(0) && numbers.every((n) => n < paragraphs.length);
  return (ref: SourceRef | undefined): number => {
    if (!ref) return 0;
    if (ref.kind === 'paragraph') return paragraphs.indexOf(ref.n) + 1;
    const n = zeroBased ? ref.n + 1 : ref.n;
    return n >= 1 && n <= paragraphs.length ? n : 0;
  };
}

const malformed = () => new UserFacingError(LLM_ERROR_MESSAGES.llm_malformed, 'llm_malformed');

/**
 * Reads a model reply into the claims contract, tolerating what real models write: JSON in fences
 * or prose, `<think>` blocks, repaired JSON, renamed keys, the old answer + citations form, sources
 * as 2, "2", "[2]", "Passage 2" or "¶5", 0-based numbering, a reply cut off at the token limit
 * (complete claims kept), and prose with markers in any form. The result is validated by the
 * same zod schema that generates the request's JSON Schema.
 * @param paragraphs the ¶ number of each passage sent, in prompt order.
 * @throws {UserFacingError} `llm_malformed` when nothing usable can be read.
 */
export function readModelReply(
  content: string,
  paragraphs: readonly number[],
  options: { truncated?: boolean } = {},
): ReadReply {
  let form: ReplyForm = 'json';
  let loose: { claims: LooseClaim[]; notCovered: unknown };
  let answerable: boolean | undefined;
  try {
    const found = findModelJson(content, { ...options, accept: looksLikeReply });
    if (!isRecord(found.value)) throw malformed();
    loose = fromObject(found.value, found.closed, found.source);
    answerable = booleanOf(pick(found.value, ['answerable', 'answered', 'can_answer']));
  } catch (error) {
    const prose = stripThinking(content);
    // Broken JSON is not prose: its keys in quotation marks would read as quotes.
    if (options.truncated || JSON_LIKE.test(prose)) throw error;
    const reading = readProse(prose);
    const quoted = reading.claims.some((claim) => claim.quotes.length > 0);
    // "The article doesn't say …" and nothing else: a decline written in prose.
    if (!quoted && reading.claims.length === 0 && reading.notCovered !== null)
      return { answerable: false, claims: [], not_covered: reading.notCovered, form: 'prose' };
    if (!quoted) throw error;
    form = 'prose';
    loose = reading;
  }
  const resolve = resolver(loose.claims, paragraphs);
  const reply = claimsReplySchema.safeParse({
    answerable: answerable ?? loose.claims.length > 0,
    claims: loose.claims.map((claim) => ({
      text: claim.text,
      quotes: claim.quotes.map((quote) => ({ source: resolve(quote.ref), quote: quote.quote })),
    })),
    not_covered:
      typeof loose.notCovered === 'string' && loose.notCovered.trim() !== '' ? loose.notCovered.trim() : null,
  });
  if (!reply.success) throw malformed();
  return { ...reply.data, form };
}

/**
 * Reads one claim as a streaming parser hands it out (raw, mid-reply), the way
 * {@link readModelReply} reads each claim of a whole reply; undefined when it is not a claim.
 */
export function readClaim(value: unknown, paragraphs: readonly number[]): RawClaim | undefined {
  const claim = looseClaim(value);
  if (!claim) return undefined;
  const resolve = resolver([claim], paragraphs);
  const parsed = claimsReplySchema.shape.claims.element.safeParse({
    text: claim.text,
    quotes: claim.quotes.map((quote) => ({ source: resolve(quote.ref), quote: quote.quote })),
  });
  return parsed.success ? parsed.data : undefined;
}
