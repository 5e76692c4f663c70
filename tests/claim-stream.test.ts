import { describe, expect, it } from 'vitest';
import { createClaimStreamParser, type ClaimStreamEnd } from '../src/answering/reply/claim-stream.js';

const CLAIMS = [
  {
    quotes: [{ source: 1, quote: 'halted plans to impose sanctions on the firms' }],
    text: 'The U.S. paused the sanctions to protect the truce.',
  },
  {
    quotes: [
      { source: 2, quote: 'He said: "we will not back down" — and left' },
      { source: 3, quote: 'Zürich, 東京 and São Paulo 🚀 reacted' },
    ],
    text: 'Officials quoted "we will not back down" and markets in Zürich reacted 【1】.',
  },
  { quotes: [], text: 'Tab\there, newline\nhere, backslash \\ and \u00e9 as an escape.' },
];
const REPLY = { answerable: true, claims: CLAIMS, not_covered: null };
const JSON_TEXT = JSON.stringify(REPLY);

interface Run {
  /** Each claim, with the number of characters fed when it came out. */
  readonly seen: { claim: unknown; at: number }[];
  readonly end: ClaimStreamEnd;
}

function run(chunks: readonly string[], truncated = false): Run {
  const parser = createClaimStreamParser();
  const seen: { claim: unknown; at: number }[] = [];
  let fed = 0;
  for (const chunk of chunks) {
    fed += chunk.length;
    for (const claim of parser.push(chunk)) seen.push({ claim, at: fed });
  }
  const end = parser.end({ truncated });
  for (const claim of end.claims) seen.push({ claim, at: Infinity });
  return { seen, end };
}

const splitAt = (text: string, offset: number) => [text.slice(0, offset), text.slice(offset)];
const characters = (text: string) => text.split('');

/** Where each claim's closing brace ends in `text` (the claim is complete from there on). */
function claimEnds(text: string): number[] {
  return CLAIMS.map((claim) => text.indexOf(JSON.stringify(claim)) + JSON.stringify(claim).length);
}

describe('claim stream: well-formed replies', () => {
  it('hands out every claim the moment its closing brace arrives, fed one character at a time', () => {
    const { seen, end } = run(characters(JSON_TEXT));
    expect(seen.map((item) => item.claim)).toEqual(CLAIMS);
    expect(seen.map((item) => item.at)).toEqual(claimEnds(JSON_TEXT));
    expect(end.final).toEqual(REPLY);
    expect(end.text).toBe(JSON_TEXT);
  });

  it('gives the same claims and object whatever offset the reply is split at', () => {
    for (let offset = 0; offset <= JSON_TEXT.length; offset += 1) {
      const { seen, end } = run(splitAt(JSON_TEXT, offset));
      expect(seen.map((item) => item.claim)).toEqual(CLAIMS);
      expect(end.final).toEqual(REPLY);
    }
  });

  it('keeps characters outside the basic plane whole when a chunk ends inside one', () => {
    const emoji = JSON_TEXT.indexOf('🚀');
    const { seen } = run([JSON_TEXT.slice(0, emoji + 1), JSON_TEXT.slice(emoji + 1)]);
    expect(JSON.stringify(seen[1]?.claim)).toContain('🚀');
  });

  it('reads a reply in a ```json fence with prose after it, at every split', () => {
    const fenced = `\`\`\`json\n${JSON.stringify(REPLY, null, 2)}\n\`\`\`\nHope this helps {really}.`;
    for (let offset = 0; offset <= fenced.length; offset += 7) {
      const { seen, end } = run(splitAt(fenced, offset));
      expect(seen.map((item) => item.claim)).toEqual(CLAIMS);
      expect(end.final).toEqual(REPLY);
      expect(end.text).toBe(fenced);
    }
  });

  it('skips a <think> block, braces and all, split anywhere', () => {
    const thinking = '<think>\nThe user wants {"claims": ["not this"]}; passage 2 says so.\n</think>\n\n';
    const reply = thinking + JSON_TEXT;
    for (let offset = 0; offset <= reply.length; offset += 3) {
      const { seen, end } = run(splitAt(reply, offset));
      expect(seen.map((item) => item.claim)).toEqual(CLAIMS);
      expect(end.final).toEqual(REPLY);
    }
    expect(run(characters(reply)).seen.map((item) => item.at)).toEqual(claimEnds(reply));
  });

  it('skips a lone </think> (the template opened the block) and prose before the object', () => {
    const reply = `Okay, reasoning here.</think>Here is the JSON you asked for:\n${JSON_TEXT}`;
    const { seen, end } = run(characters(reply));
    expect(seen.map((item) => item.claim)).toEqual(CLAIMS);
    expect(end.final).toEqual(REPLY);
  });

  it('hands out claims in any key order, and nothing from other arrays', () => {
    const reply = JSON.stringify({ not_covered: 'the date', claims: CLAIMS, answerable: true, other: [{}] });
    const { seen, end } = run(characters(reply));
    expect(seen.map((item) => item.claim)).toEqual(CLAIMS);
    expect(end.final).toEqual(JSON.parse(reply));
  });
});

describe('claim stream: replies cut short or damaged', () => {
  it('keeps exactly the complete claims of a reply cut off at any offset', () => {
    const ends = claimEnds(JSON_TEXT);
    for (let cut = 0; cut < JSON_TEXT.length; cut += 1) {
      const complete = CLAIMS.filter((_, index) => (ends[index] ?? Infinity) <= cut);
      const { seen, end } = run(splitAt(JSON_TEXT.slice(0, cut), cut >> 1), true);
      expect(seen.map((item) => item.claim)).toEqual(complete);
      if (cut > JSON_TEXT.indexOf('"claims"')) {
        expect(end.final).toMatchObject({ answerable: true, claims: complete });
      }
    }
  });

  it('reads a reply with trailing commas by repair: claims while streaming, the rest at the end', () => {
    const damaged = JSON_TEXT.replace(/"\}/g, '",}').replace(/\]\}$/, '],}');
    expect(() => void JSON.parse(damaged)).toThrow();
    const { seen, end } = run(characters(damaged));
    expect(seen.map((item) => item.claim)).toEqual(CLAIMS);
    expect(seen.slice(0, -1).every((item) => item.at < damaged.length)).toBe(true);
    expect(end.final).toEqual(REPLY);
  });

  it('drops the possibly incomplete last claim of a damaged reply that was cut off', () => {
    const damaged = JSON_TEXT.replace(/"\}/g, '",}');
    const cut = damaged.indexOf('backslash');
    const { seen, end } = run([damaged.slice(0, cut)], true);
    expect(seen.map((item) => item.claim)).toEqual(CLAIMS.slice(0, 2));
    expect(end.final).toMatchObject({ answerable: true, claims: CLAIMS.slice(0, 2) });
  });

  it('hands a prose reply back as text, with no claims and no object', () => {
    const prose = 'The U.S. halted the sanctions [1]. "It was a truce," he said (2).';
    const { seen, end } = run(characters(prose));
    expect(seen).toEqual([]);
    expect(end).toEqual({ claims: [], final: undefined, text: prose });
  });

  it('copes with an empty reply and a reply that is only a think block', () => {
    expect(run([]).end).toEqual({ claims: [], final: undefined, text: '' });
    expect(run(['<think>hmm {', ' no']).end.final).toBeUndefined();
  });
});
