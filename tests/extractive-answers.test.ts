import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Answerer, Turn } from '../src/domain/types.js';
import { expectedAnswerType } from '../src/answering/extractive/answer-type.js';
import { createTestEngine } from './helpers/engine.js';
import { loadQuestions } from './helpers/questions.js';

let answerer: Answerer;
beforeAll(async () => {
  ({ answerer } = await createTestEngine());
});

const turnOf = (answer: Answer): Turn => ({
  question: answer.question,
  answer: answer.text,
  cited: answer.citations.map(({ articleId, paragraph }) => ({ articleId, paragraph })),
});

describe('extractive answers that answer (no model)', () => {
  it('reads the answer type a question expects', () => {
    expect(expectedAnswerType('When was the trade agreement reached?')).toBe('time');
    expect(expectedAnswerType('How much did profits rise?')).toBe('quantity');
    expect(expectedAnswerType('How many people would it have targeted?')).toBe('quantity');
    expect(expectedAnswerType('Who drafted the sanctions package?')).toBe('agent');
    expect(expectedAnswerType('Why did the US shelve the sanctions?')).toBe('reason');
    expect(expectedAnswerType('How come Washington backed off?')).toBe('reason');
    expect(expectedAnswerType('What happens next?')).toBe('outlook');
  });

  it('leads with the sentence holding the kind of answer asked for', async () => {
    const when = await answerer.answer({
      question: 'When was the trade agreement between Trump and Xi reached?',
    });
    expect(when.citations[0]?.quote).toMatch(/late October/);
    const why = await answerer.answer({ question: 'Why did the US shelve the sanctions?' });
    // ¶1 "opting instead to preserve the … truce", ¶3 "concerned that …" and ¶5 "feared …" give the reason.
    expect(why.citations[0]?.quote).toMatch(/to preserve|concerned that|feared that/);
  });

  it('shows at most two sentences for every labelled question, each verbatim', async () => {
    for (const labelled of loadQuestions().filter((question) => question.followUpOf === undefined)) {
      const answer = await answerer.answer({ question: labelled.question });
      if (answer.intent === 'summary') continue;
      expect(answer.citations.length, labelled.id).toBeLessThanOrEqual(2);
      expect(answer.text, labelled.id).not.toMatch(/best match/i);
    }
  });

  it('declines rather than pad when no sentence reaches the relevance floor', async () => {
    const answer = await answerer.answer({ question: 'What did the European Union say about the decision?' });
    expect(answer.mode).toBe('declined');
    expect(answer.text).toMatch(/doesn't cover/);
  });

  it('answers an elliptical "why?" with a reason, not the last answer again', async () => {
    const first = await answerer.answer({ question: 'What happened to the proposed export controls?' });
    expect(first.citations[0]?.paragraph).toBe(4);
    const why = await answerer.answer({ question: 'why?', history: [turnOf(first)] });
    expect(why.mode).toBe('extractive');
    expect(why.citations[0]?.quote).not.toBe(first.citations[0]?.quote);
    expect(why.citations[0]?.quote).toMatch(/concerned|feared|preserve/);
  });

  it('answers "When?" after a question, from the sentence that has the date', async () => {
    const first = await answerer.answer({ question: 'What trade deal did Trump and Xi reach?' });
    const when = await answerer.answer({ question: 'When?', history: [turnOf(first)] });
    expect(when.citations[0]?.quote).toMatch(/late October/);
  });
});
