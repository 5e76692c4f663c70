import type { FakeChatBody, FakeReply } from './fake-openai.js';

/** One claim block of a grounding-check request, as the judge reads it. */
export interface JudgedClaim {
  readonly number: number;
  readonly question: string;
  readonly text: string;
  readonly quotes: string;
  readonly paragraphs: string;
}

const BLOCK = /<claim number="(\d+)">([\s\S]*?)<\/claim>/g;
const field = (block: string, name: string) =>
  new RegExp(`<${name}>\\n?([\\s\\S]*?)\\n?</${name}>`).exec(block)?.[1]?.trim() ?? '';
const NEGATION = /\b(not|never|no longer|didn't|did not|hasn't|has not)\b/i;

/** Whether a chat request is the grounding second opinion rather than a question. */
export function isGroundingCheck(body: FakeChatBody): boolean {
  return body.messages.some((message) => message.content.includes('<claim number='));
}

/** The claims of a grounding-check request, read from its user message. */
export function judgedClaims(body: FakeChatBody): JudgedClaim[] {
  const user = body.messages.find((message) => message.role === 'user')?.content ?? '';
  return [...user.matchAll(BLOCK)].map((match) => {
    const block = match[2] ?? '';
    return {
      number: Number(match[1]),
      question: field(block, 'question'),
      text: field(block, 'text'),
      quotes: field(block, 'quotes'),
      paragraphs: field(block, 'paragraphs'),
    };
  });
}

/** A crude honest reading for claims the judge has no label for: a negation its paragraphs lack. */
export function readsSupported(claim: JudgedClaim): boolean {
  return !(NEGATION.test(claim.text) && !NEGATION.test(claim.paragraphs));
}

interface Verdict {
  readonly number: number;
  readonly supported: boolean;
}

/**
 * The ways real judge models write the same verdicts: the schema as asked, a fenced block, JSON
 * wrapped in prose, yes/no strings and numbers as strings, a reasoning field and a label instead
 * of a boolean, and a bare array.
 */
export const JUDGE_FORMS: readonly ((verdicts: readonly Verdict[]) => string)[] = [
  (v) => JSON.stringify({ verdicts: v.map((x) => ({ claim: x.number, supported: x.supported })) }),
  (v) =>
    '```json\n' +
    JSON.stringify({ verdicts: v.map((x) => ({ claim: x.number, supported: x.supported })) }, null, 2) +
    '\n```',
  (v) =>
    `Here is my assessment of each claim against its paragraphs:\n\n${JSON.stringify({
      verdicts: v.map((x) => ({ claim: x.number, supported: x.supported })),
    })}\n\nLet me know if you need more detail.`,
  (v) =>
    JSON.stringify({
      verdicts: v.map((x) => ({ claim: String(x.number), supported: x.supported ? 'yes' : 'no' })),
    }),
  (v) =>
    JSON.stringify({
      verdicts: v.map((x) => ({
        id: x.number,
        reasoning: x.supported ? 'The paragraph states this.' : 'The paragraph does not say this.',
        verdict: x.supported ? 'supported' : 'unsupported',
      })),
    }),
  (v) => JSON.stringify(v.map((x) => ({ claim: x.number, supported: x.supported }))),
];

export interface HonestJudgeOptions {
  /** The true label of a claim when known (an eval set's); otherwise the judge reads it itself. */
  readonly truth?: (claim: string) => boolean | undefined;
}

/**
 * An honest judge model for the fake OpenAI server: it labels every claim as the case sets do (or
 * by its own crude reading when a claim has no label), and writes its reply in a different one of
 * the {@link JUDGE_FORMS} real judges use on each call, usage block included.
 */
export function createHonestJudge(options: HonestJudgeOptions = {}) {
  let calls = 0;
  const handler = (body: FakeChatBody): FakeReply => {
    const claims = judgedClaims(body);
    const verdicts = claims.map((claim) => ({
      number: claim.number,
      supported: options.truth?.(claim.text) ?? readsSupported(claim),
    }));
    const form = JUDGE_FORMS[calls % JUDGE_FORMS.length] ?? JUDGE_FORMS[0]!;
    calls += 1;
    const content = form(verdicts);
    const prompt = body.messages.reduce((sum, message) => sum + Math.ceil(message.content.length / 4), 0);
    return { content, usage: { prompt_tokens: prompt, completion_tokens: Math.ceil(content.length / 4) } };
  };
  return {
    handler,
    get calls() {
      return calls;
    },
  };
}
