import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadArticleFile } from '../src/articles/load-article-file.js';
import {
  readReaderSet,
  readSquadSplit,
  readStoryList,
  TYPES,
  type ReaderSetFile,
} from '../bench/eval/reader-set-schema.js';
import { asks, copiedRuns, CORPORA_DIR, sharedPresent, SQUAD_FILE, trigrams } from './helpers/eval-sets.js';

const list = await readStoryList();
const sets = { dev: await readReaderSet('dev'), heldout: await readReaderSet('heldout') };
const halves = Object.entries(sets) as [keyof typeof sets, ReaderSetFile][];
const squadSplit = await readSquadSplit();
const shared = await sharedPresent();

const questionsOf = (set: ReaderSetFile) => set.stories.flatMap((story) => story.questions);
const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

describe('reader evaluation sets: shape and mix (no corpus needed)', () => {
  it('split the stories by story: disjoint halves, each as listed in reader-stories.json', () => {
    const [dev, heldout] = [sets.dev, sets.heldout].map((set) => set.stories.map((story) => story.source));
    expect(new Set([...(dev ?? []), ...(heldout ?? [])]).size).toBe(list.stories.length);
    for (const [split, set] of halves) {
      expect(set.split).toBe(split);
      const listed = list.stories.filter((story) => story.split === split);
      expect(set.stories.map((s) => [s.source, s.kind, s.length])).toEqual(
        listed.map((s) => [s.source, s.kind, s.length]),
      );
    }
  });

  it('balances the halves: at least 24 stories, two per kind and four per length in each half', () => {
    expect(list.stories.length).toBeGreaterThanOrEqual(24);
    for (const [split] of halves) {
      const stories = list.stories.filter((story) => story.split === split);
      for (const kind of new Set(list.stories.map((s) => s.kind)))
        expect(
          stories.filter((s) => s.kind === kind),
          `${split} ${kind}`,
        ).toHaveLength(2);
      for (const length of ['short', 'medium', 'long'])
        expect(
          stories.filter((s) => s.length === length),
          `${split} ${length}`,
        ).toHaveLength(4);
    }
  });

  it('gives every question a unique id and the gold its expectation needs', () => {
    const all = halves.flatMap(([, set]) => questionsOf(set));
    expect(new Set(all.map((q) => q.id)).size).toBe(all.length);
    for (const q of all) {
      const answer = q.expect === 'answer';
      const decline = q.expect === 'decline';
      expect(Boolean(q.paragraphs && q.spans), q.id).toBe(answer);
      expect(Boolean(q.focus && q.about), q.id).toBe(decline);
      expect(q.turns.length > 1, q.id).toBe(q.type === 'followup');
      expect(q.asks !== undefined, q.id).toBe(answer && ['followup', 'greeting+question'].includes(q.type));
      if (q.type === 'unanswerable') expect(q.expect, q.id).toBe('decline');
    }
  });

  it.each(halves)(
    '%s: at least 15 questions a story, with a summary request and small talk in each',
    (_, set) => {
      for (const story of set.stories) {
        expect(story.questions.length, story.source).toBeGreaterThanOrEqual(15);
        expect(
          story.questions.some((q) => q.expect === 'summary'),
          story.source,
        ).toBe(true);
        const smallTalk = story.questions.filter((q) => ['greeting', 'thanks', 'meta'].includes(q.expect));
        expect(smallTalk.length, story.source).toBeGreaterThanOrEqual(1);
      }
    },
  );

  it.each(halves)('%s: at least 15% unanswerable, in the half and in every story', (_, set) => {
    for (const questions of [questionsOf(set), ...set.stories.map((story) => story.questions)]) {
      const declines = questions.filter((q) => q.expect === 'decline').length;
      expect(share(declines, questions.length)).toBeGreaterThanOrEqual(0.15);
    }
  });

  it.each(halves)('%s: at least a third of the answerable questions ask why or how', (_, set) => {
    const answerable = questionsOf(set).filter((q) => q.expect === 'answer');
    const whyHow = answerable.filter((q) => ['why', 'how'].includes(asks(q))).length;
    expect(share(whyHow, answerable.length)).toBeGreaterThanOrEqual(1 / 3);
  });

  it.each(halves)(
    '%s: uses every question type, two- and three-turn follow-ups, emoji and clarify',
    (_, set) => {
      const questions = questionsOf(set);
      for (const type of TYPES)
        expect(
          questions.some((q) => q.type === type),
          type,
        ).toBe(true);
      expect(questions.some((q) => q.turns.length === 2)).toBe(true);
      expect(questions.some((q) => q.turns.length === 3)).toBe(true);
      expect(questions.some((q) => q.expect === 'clarify')).toBe(true);
      expect(questions.some((q) => /\p{Extended_Pictographic}/u.test(q.turns.join(' ')))).toBe(true);
    },
  );

  it('keeps SQuAD halves disjoint and about even within answerable and unanswerable', () => {
    expect(new Set([...squadSplit.dev, ...squadSplit.heldout]).size).toBe(
      squadSplit.dev.length + squadSplit.heldout.length,
    );
    for (const { dev, heldout } of Object.values(squadSplit.counts))
      expect(Math.abs(dev - heldout)).toBeLessThanOrEqual(1);
  });
});

const AGAINST_STORIES = shared
  ? 'reader evaluation sets against the stories in ../shared'
  : 'reader evaluation sets against the stories (SKIPPED: ../shared/corpora is not next to the repository)';

describe.skipIf(!shared)(AGAINST_STORIES, () => {
  const stories = halves.flatMap(([, set]) => set.stories);

  it.each(stories.map((story) => [story.source, story] as const))(
    '%s: ¶ numbers in range, spans verbatim in their ¶, no question copies 3 words in a row',
    async (source, story) => {
      const file = path.join(CORPORA_DIR, source);
      const raw = await readFile(file, 'utf8');
      const article = await loadArticleFile(file, { hasSidecar: false });
      const texts = article.paragraphs.map((paragraph) => paragraph.text);
      const storyRuns = trigrams([article.title, ...texts, raw].join('\n'));
      const rawFlat = raw.replace(/\s+/g, ' ');
      const listed = list.stories.find((s) => s.source === source);
      expect(raw.split(/\s+/).filter(Boolean).length).toBe(listed?.words);
      for (const q of story.questions) {
        for (const turn of q.turns) expect(copiedRuns(turn, storyRuns), `${q.id}: ${turn}`).toEqual([]);
        for (const n of q.paragraphs ?? []) expect(n, q.id).toBeLessThanOrEqual(texts.length);
        for (const span of q.spans ?? []) {
          const inParagraph = (q.paragraphs ?? []).some((n) => texts[n - 1]?.includes(span));
          expect(inParagraph, `${q.id}: "${span}" in ¶${q.paragraphs?.join(',')}`).toBe(true);
          expect(rawFlat.includes(span), `${q.id}: "${span}" in the file`).toBe(true);
        }
      }
    },
  );

  it('splits every SQuAD question exactly once, by the rule the file states', async () => {
    const squad = z
      .object({
        data: z.array(
          z.object({
            paragraphs: z.array(
              z.object({ qas: z.array(z.object({ id: z.string(), is_impossible: z.boolean() })) }),
            ),
          }),
        ),
      })
      .parse(JSON.parse(await readFile(SQUAD_FILE, 'utf8')));
    const questions = squad.data.flatMap((doc) => doc.paragraphs.flatMap((p) => p.qas));
    const hash = (id: string) => createHash('sha256').update(id).digest('hex');
    const expected = { dev: new Set<string>(), heldout: new Set<string>() };
    for (const impossible of [false, true]) {
      const ids = questions.filter((q) => q.is_impossible === impossible).map((q) => q.id);
      ids.sort((a, b) => (hash(a) < hash(b) ? -1 : 1));
      const half = Math.ceil(ids.length / 2);
      ids.forEach((id, i) => (i < half ? expected.dev : expected.heldout).add(id));
    }
    expect(new Set(squadSplit.dev)).toEqual(expected.dev);
    expect(new Set(squadSplit.heldout)).toEqual(expected.heldout);
  });
});
