import { describe, expect, it } from 'vitest';
import { CLAIMS_RESPONSE_SCHEMA, describeReplyFormat } from '../src/answering/reply/claims-schema.js';
import { readModelReply } from '../src/answering/reply/read-reply.js';
import { UserFacingError } from '../src/errors.js';

// Passages 1..3 as sent: they show paragraphs ¶4, ¶1 and ¶7.
const PARAGRAPHS = [4, 1, 7];
const Q1 = 'The United States has halted plans to impose sanctions';
const Q2 = 'Analysts warn that delaying action could embolden further cyber intrusions';
const claim = (source: unknown, quote = Q1, text = 'The U.S. paused the sanctions.') => ({
  quotes: [{ source, quote }],
  text,
});
const read = (content: string, truncated = false) => readModelReply(content, PARAGRAPHS, { truncated });
const sources = (content: string) => read(content).claims.map((c) => c.quotes.map((q) => q.source));

describe('the claims contract', () => {
  it('one zod schema gives the strict JSON Schema and the prompt description', () => {
    const schema = CLAIMS_RESPONSE_SCHEMA.schema;
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(schema.required).toEqual(['answerable', 'claims', 'not_covered']);
    expect(JSON.stringify(schema)).not.toContain('$schema');
    expect(describeReplyFormat()).toContain(
      '{"answerable": boolean, "claims": [{"quotes": [{"source": integer, "quote": string}], "text": string}], "not_covered": string | null}',
    );
  });
});

describe('readModelReply: JSON as real models write it', () => {
  const contract = { answerable: true, claims: [claim(1)], not_covered: null };
  const json = JSON.stringify(contract);

  it.each([
    ['bare', json],
    ['fenced', '```json\n' + json + '\n```'],
    ['with prose around', `Here you go:\n${json}\nHope this helps!`],
    ['after a <think> block', `<think>maybe {"claims": []}</think>\n${json}`],
    ['with trailing commas', json.replace(']}]', ']},]').replace('null}', 'null,}')],
  ])('%s', (_name, content) => {
    expect(read(content)).toMatchObject({
      answerable: true,
      claims: [{ quotes: [{ source: 1, quote: Q1 }] }],
    });
  });

  it('infers a missing "answerable" from the claims, and reads "true" as true', () => {
    expect(read(JSON.stringify({ claims: [claim(1)] })).answerable).toBe(true);
    expect(read(JSON.stringify({ claims: [] })).answerable).toBe(false);
    expect(read(JSON.stringify({ ...contract, answerable: 'true' })).answerable).toBe(true);
  });

  it.each(['citations', 'quotes', 'sources', 'evidence'])('accepts the quotes under "%s"', (key) => {
    const content = JSON.stringify({
      answerable: true,
      claims: [{ [key]: [{ source: 2, quote: Q2 }], text: 'x' }],
    });
    expect(sources(content)).toEqual([[2]]);
  });

  it('reads the old answer + citations form as claims by sentence and marker', () => {
    const content = JSON.stringify({
      answerable: true,
      answer: 'It was halted [1]. Analysts worry [2]. The article does not say when it resumes.',
      citations: [
        { source: 1, quote: Q1 },
        { source: 2, quote: Q2 },
      ],
    });
    const reply = read(content);
    expect(reply.claims.map((c) => [c.text, c.quotes.map((q) => q.quote)])).toEqual([
      ['It was halted [1].', [Q1]],
      ['Analysts worry [2].', [Q2]],
    ]);
    expect(reply.not_covered).toMatch(/when it resumes/);
  });

  it.each([
    [2, 2],
    ['2', 2],
    ['[2]', 2],
    ['Passage 2', 2],
    ['¶7', 3],
    ['¶9', 0],
  ])('reads source %j as passage %i (0: none named)', (source, passage) => {
    expect(sources(JSON.stringify({ answerable: true, claims: [claim(source)] }))).toEqual([[passage]]);
  });

  it('detects 0-based numbering', () => {
    const content = JSON.stringify({ answerable: true, claims: [claim(0), claim(2, Q2)] });
    expect(sources(content)).toEqual([[1], [3]]);
  });

  it('keeps the complete claims of a reply cut off at the token limit', () => {
    const whole = JSON.stringify({ answerable: true, claims: [claim(1), claim(2, Q2, 'Analysts warn.')] });
    const cut = whole.slice(0, whole.indexOf('Analysts warn.') - 3);
    expect(read(cut, true).claims.map((c) => c.text)).toEqual(['The U.S. paused the sanctions.']);
    expect(() => read(cut)).toThrow(UserFacingError);
  });

  it('refuses what holds no answer', () => {
    for (const content of [
      '',
      '[1, 2]',
      '{"answerable": true, "answer": "cut',
      'No JSON and no quotes here.',
    ])
      expect(() => read(content)).toThrow(UserFacingError);
  });
});

describe('readModelReply: prose with markers in every form', () => {
  const footnotes = `\n\nSources:\n[1] "${Q1}"\n[2] "${Q2}"`;
  it.each([
    ['[1]', 'It was halted [1]. Analysts worry [2].', [[1], [2]]],
    ['(1)', 'It was halted (1). Analysts worry (2).', [[1], [2]]],
    ['[1-2]', 'It was halted and analysts worry [1-2].', [[1, 2]]],
    ['【1】', 'It was halted【1】. Analysts worry【2】.', [[1], [2]]],
    ['[Passage 1]', 'It was halted [Passage 1]. Analysts worry [Passage 2].', [[1], [2]]],
    ['[^1]', 'It was halted[^1]. Analysts worry[^2].', [[1], [2]]],
    ['[1][2]', 'It was halted and analysts worry [1][2].', [[1, 2]]],
    ['[1, 2]', 'It was halted and analysts worry [1, 2].', [[1, 2]]],
    ['(1) after the full stop', 'It was halted. (1) Analysts worry. (2)', [[1], [2]]],
    ['【1】 after the full stop', 'It was halted.【1】 Analysts worry.【2】', [[1], [2]]],
  ])('%s', (_name, body, expected) => {
    expect(sources(body + footnotes)).toEqual(expected);
  });

  it('takes a long quotation inside the sentence as its evidence', () => {
    const reply = read(`The article says “${Q2}” (2).`);
    expect(reply.form).toBe('prose');
    expect(reply.claims[0]?.quotes).toEqual([{ source: 2, quote: Q2 }]);
  });

  it('a sentence without a marker carries no quote, and a prose decline is a decline', () => {
    expect(read(`It was halted [1]. Officials met in Geneva.${footnotes}`).claims[1]?.quotes).toEqual([]);
    expect(read("The article doesn't say anything about that.")).toMatchObject({
      answerable: false,
      claims: [],
    });
  });
});
