import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../../src/articles/types.js';
import type { LabelledQuestion } from '../../tests/helpers/questions.js';

interface SquadFile {
  readonly data: readonly {
    readonly title: string;
    readonly paragraphs: readonly {
      readonly context: string;
      readonly qas: readonly {
        readonly id: string;
        readonly question: string;
        readonly is_impossible: boolean;
      }[];
    }[];
  }[];
}

/**
 * The SQuAD 2.0 article in ../shared/squad as a story, with some of its crowd-written questions:
 * a second text, unlike the seed story, for the messy-model evaluation (answerable questions and
 * questions written to look answerable when they are not).
 */
export async function loadSquadStory(
  folder: string,
  counts = { answerable: 40, impossible: 10 },
): Promise<{ article: Article; questions: LabelledQuestion[] } | undefined> {
  const file = path.join(folder, 'computational-complexity-theory.json');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const squad = JSON.parse(text) as SquadFile;
  const entry = squad.data[0];
  if (!entry) return undefined;
  const id = 'squad-computational-complexity-theory';
  const article: Article = {
    id,
    title: entry.title.replace(/_/g, ' '),
    file,
    paragraphs: entry.paragraphs.map((paragraph, index) => ({
      articleId: id,
      n: index + 1,
      text: paragraph.context,
    })),
  };
  const all = entry.paragraphs.flatMap((paragraph, index) =>
    paragraph.qas.map((qa) => ({ ...qa, paragraph: index + 1 })),
  );
  const pick = (impossible: boolean, count: number): LabelledQuestion[] =>
    all
      .filter((qa) => qa.is_impossible === impossible)
      .filter((_qa, index, list) => index % Math.max(1, Math.floor(list.length / count)) === 0)
      .slice(0, count)
      .map((qa) => ({
        id: qa.id,
        kind: impossible ? 'unanswerable' : 'direct',
        question: qa.question,
        gold: impossible ? [] : [qa.paragraph],
      }));
  return { article, questions: [...pick(false, counts.answerable), ...pick(true, counts.impossible)] };
}
