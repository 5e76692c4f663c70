import { describe, expect, it } from 'vitest';
import { parseModelJson } from '../src/answering/reply/parse-model-json.js';
import { UserFacingError } from '../src/errors.js';

const ANSWER = {
  answerable: true,
  answer: 'He said "yes" {twice} [1].',
  citations: [{ n: 1, quote: 'a } b' }],
};
const JSON_TEXT = JSON.stringify(ANSWER, null, 2);

function codeOf(content: string): string | undefined {
  try {
    parseModelJson(content);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(UserFacingError);
    return (error as UserFacingError).code;
  }
}

describe('parseModelJson', () => {
  it('parses bare JSON, with surrounding whitespace', () => {
    expect(parseModelJson(`\n  ${JSON_TEXT}\n`)).toEqual(ANSWER);
  });

  it('parses JSON inside ```json fences, with or without the language tag', () => {
    expect(parseModelJson('```json\n' + JSON_TEXT + '\n```')).toEqual(ANSWER);
    expect(parseModelJson('Here you go:\n```\n' + JSON_TEXT + '\n```\nHope that helps.')).toEqual(ANSWER);
  });

  it('finds the object inside prose, skipping braces inside strings and earlier non-JSON braces', () => {
    const content = `Sure {not json}. The answer is ${JSON.stringify(ANSWER)} as requested {done}.`;
    expect(parseModelJson(content)).toEqual(ANSWER);
  });

  it('takes the first valid object when a fenced block is broken but the prose holds one', () => {
    const content = '```json\n{"answerable": tru\n```\nCorrected: {"answerable": false, "answer": ""}';
    expect(parseModelJson(content)).toEqual({ answerable: false, answer: '' });
  });

  it('repairs minor damage (single quotes, trailing commas, comments) and skips <think> blocks', () => {
    expect(parseModelJson("{'answerable': true}")).toEqual({ answerable: true });
    expect(parseModelJson('{"a": [1, 2,], // note\n "b": "x",}')).toEqual({ a: [1, 2], b: 'x' });
    expect(parseModelJson('<think>Maybe {"answerable": false}?</think>\n{"answerable": true}')).toEqual({
      answerable: true,
    });
  });

  it.each([
    ['plain prose', 'I could not find that in the article.'],
    ['an empty reply', ''],
    ['a truncated object', '{"answerable": true, "answer": "The may'],
    ['an array rather than an object', '[{"answerable": true}]'],
    ['a JSON string', '"just text"'],
  ])('throws llm_malformed for %s', (_label, content) => {
    expect(codeOf(content)).toBe('llm_malformed');
  });
});
