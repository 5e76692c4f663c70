import type { FakeChatBody, FakeReply } from '../fake-openai.js';

const CLAIM = /<claim number="(\d+)">\n([\s\S]*?)\n<paragraphs>\n([\s\S]*?)\n<\/paragraphs>/g;
const NEGATION = /\b(not|never|no longer|didn't|did not|hasn't|has not)\b/i;

/** Whether a chat request is the grounding second opinion rather than a question. */
export function isGroundingCheck(body: FakeChatBody): boolean {
  return body.messages.some((message) => message.content.includes('<claim number='));
}

/**
 * A fake second-opinion model: it labels a claim unsupported when it negates what its paragraphs
 * say (a negation the paragraphs don't have), the case the code check cannot see.
 */
export function fakeJudge(body: FakeChatBody): FakeReply {
  const user = body.messages.find((message) => message.role === 'user')?.content ?? '';
  const verdicts = [...user.matchAll(CLAIM)].map((match) => {
    const claim = match[2] ?? '';
    const paragraphs = match[3] ?? '';
    return { claim: Number(match[1]), supported: !(NEGATION.test(claim) && !NEGATION.test(paragraphs)) };
  });
  return { content: JSON.stringify({ verdicts }) };
}
