import type { Prompts } from '../../src/answering/prompt/prompts.js';
import type { Answer, Turn } from '../../src/domain/types.js';
import { share } from '../lib/stats.js';
import { createEvalEngines, type EvalEngines } from './engines.js';
import { hitAt } from './metrics.js';
import { createOkapiBm25 } from './okapi.js';
import type { LoadedSet, ReaderQuestion } from './reader-set.js';

/** What happened to one reader question, in both modes. */
export interface ReaderLine {
  readonly id: string;
  readonly story: string;
  readonly expect: ReaderQuestion['expect'];
  readonly type?: string;
  readonly question: string;
  readonly right: boolean;
  readonly declined: boolean;
  /** The answer opened by saying the story doesn't give what was asked. */
  readonly saidMissing: boolean;
  readonly intent: string;
  readonly shown: string;
  readonly stoppedBeforeModel: boolean;
  readonly gold: readonly number[];
  readonly ranked: readonly number[];
  readonly okapi: readonly number[];
}

/** The figures of one half of a reader set. */
export interface ReaderFigures {
  readonly questions: number;
  readonly answerable: number;
  readonly answerHit: number | null;
  readonly unanswerableHandled: number | null;
  readonly answerableDeclined: number | null;
  /** Answerable questions answered with a "the story doesn't say / mentions X but not Y" opening (misleading). */
  readonly answerableSaidMissing: number | null;
  readonly social: number | null;
  readonly byExpect: Readonly<Record<string, { readonly n: number; readonly right: number | null }>>;
  readonly stoppedBeforeModel: number | null;
  readonly engine: { readonly recallAt1: number | null; readonly recallAt3: number | null };
  readonly okapi: { readonly recallAt1: number | null; readonly recallAt3: number | null };
  readonly lines: readonly ReaderLine[];
}

const normal = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}%$£€]+/gu, ' ')
    .trim();

const turnOf = (answer: Answer): Turn => ({
  question: answer.question,
  answer: answer.text,
  cited: answer.citations.map(({ articleId, paragraph }) => ({ articleId, paragraph })),
});

/** Distinct sentences quoted (an answer shows at most two). */
const quotedSentences = (answer: Answer) => new Set(answer.citations.map((citation) => citation.quote)).size;

/** An answer that says the story doesn't give what was asked (a partial answer counts as handled). */
export const saysNotCovered = (answer: Answer) =>
  answer.notCovered !== undefined ||
  /\b(?:doesn't|does not) (?:say|give|mention)\b|\bbut not\b/i.test(answer.text);

/** Whether an answer is right for what the question expects (see docs/answering-quality.md). */
export function isRightFor(question: ReaderQuestion, answer: Answer, paragraphs: number): boolean {
  const intent = answer.intent ?? 'question';
  switch (question.expect) {
    case 'answer': {
      if (answer.mode === 'declined' || answer.mode === 'reply' || quotedSentences(answer) > 2) return false;
      const shown = normal(answer.citations.map((citation) => citation.quote).join(' '));
      const spans = question.spans ?? [];
      if (spans.length > 0) return spans.some((span) => shown.includes(normal(span)));
      const gold = question.paragraphs ?? [];
      return answer.citations.some((citation) => gold.includes(citation.paragraph)) && paragraphs > 0;
    }
    case 'decline':
      return answer.mode === 'declined' || saysNotCovered(answer);
    case 'greeting':
    case 'thanks':
      return intent === question.expect && answer.mode === 'reply';
    case 'meta':
      return (intent === 'about-bot' || intent === 'capabilities') && answer.mode === 'reply';
    case 'summary':
      return intent === 'summary' && answer.mode !== 'declined';
    case 'clarify':
      return answer.mode === 'reply' || intent === 'summary';
  }
}

async function askTurns(
  answerer: EvalEngines['extractive'],
  turns: readonly string[],
  articleId: string,
): Promise<{ answer: Answer; history: Turn[] }> {
  const history: Turn[] = [];
  let answer: Answer | undefined;
  for (const question of turns) {
    if (answer) history.push(turnOf(answer));
    answer = await answerer.answer({ question, history: [...history], articleId });
  }
  if (!answer) throw new Error('a reader question has no turns');
  return { answer, history };
}

/** Asks every question of one half with no model and with the fake model, and sums up the figures. */
export async function runReaderHalf(set: LoadedSet, prompts: Prompts): Promise<ReaderFigures> {
  const articles = set.stories.map((story) => story.article);
  const engines = await createEvalEngines({ articles, prompts, fabricateShare: 0, misattributeShare: 0 });
  const lines: ReaderLine[] = [];
  try {
    for (const { article, questions } of set.stories) {
      const okapi = createOkapiBm25(article.paragraphs.map((paragraph) => paragraph.text));
      for (const question of questions) {
        const { answer, history } = await askTurns(engines.extractive, question.turns, article.id);
        const before = engines.calls.length;
        await askTurns(engines.llm, question.turns, article.id);
        const stopped = engines.calls.length === before;
        const last = question.turns.at(-1) ?? '';
        const found = await engines.retriever.retrieve({
          question: last,
          history,
          articleId: article.id,
          k: 10,
        });
        lines.push({
          id: question.id,
          story: article.id,
          expect: question.expect,
          ...(question.type && { type: question.type }),
          question: question.turns.join(' → '),
          right: isRightFor(question, answer, article.paragraphs.length),
          declined: answer.mode === 'declined',
          saidMissing: answer.mode !== 'declined' && saysNotCovered(answer),
          intent: answer.intent ?? 'question',
          shown: answer.text.slice(0, 300),
          stoppedBeforeModel: stopped,
          gold: question.paragraphs ?? [],
          ranked: found.passages.map((passage) => passage.paragraph.n),
          okapi: okapi(question.turns.join('\n')),
        });
      }
    }
  } finally {
    await engines.close();
  }
  return figures(lines, set);
}

function figures(lines: readonly ReaderLine[], set: LoadedSet): ReaderFigures {
  const of = (expect: string) => lines.filter((line) => line.expect === expect);
  const rate = (list: readonly ReaderLine[], test: (line: ReaderLine) => boolean) =>
    share(list.filter(test).length, list.length);
  const answerable = of('answer');
  const social = lines.filter((line) => ['greeting', 'thanks', 'meta', 'summary'].includes(line.expect));
  const gold = new Map(
    set.stories.flatMap((story) => story.questions.map((q) => [q.id, q.paragraphs ?? []])),
  );
  const ranked = answerable.filter((line) => (gold.get(line.id) ?? []).length > 0);
  const recall = (key: 'ranked' | 'okapi', k: number) =>
    share(
      ranked.reduce((sum, line) => sum + hitAt(line[key], gold.get(line.id) ?? [], k), 0),
      ranked.length,
    );
  const expects = [...new Set(lines.map((line) => line.expect))];
  return {
    questions: lines.length,
    answerable: answerable.length,
    answerHit: rate(answerable, (line) => line.right),
    unanswerableHandled: rate(of('decline'), (line) => line.right),
    answerableDeclined: rate(answerable, (line) => line.declined),
    answerableSaidMissing: rate(answerable, (line) => line.saidMissing),
    social: rate(social, (line) => line.right),
    byExpect: Object.fromEntries(
      expects.map((expect) => [
        expect,
        { n: of(expect).length, right: rate(of(expect), (line) => line.right) },
      ]),
    ),
    stoppedBeforeModel: rate(answerable, (line) => line.stoppedBeforeModel),
    engine: { recallAt1: recall('ranked', 1), recallAt3: recall('ranked', 3) },
    okapi: { recallAt1: recall('okapi', 1), recallAt3: recall('okapi', 3) },
    lines,
  };
}
