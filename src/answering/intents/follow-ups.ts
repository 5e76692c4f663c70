import type { Article, Paragraph } from '../../articles/types.js';
import { splitSentences } from '../extractive/sentences.js';

/** A suggested next question, and the paragraph that answers it. */
export interface FollowUp {
  readonly articleId: string;
  readonly paragraph: number;
  /** Which of the paragraph's topics (see `paragraphTopics`), so a button can name it in a short id. */
  readonly topic: number;
  readonly question: string;
}

/** Longest topic kept: a button label must stay short. */
const MAX_TOPIC = 48;
/** Words that start sentences or link names but are not names themselves. */
const NOT_NAMES = new Set(
  'A An And As At But By For From However If In It Its On Or So That The These This Those Under While With Despite Instead For Now Officials Sources Analysts Security January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(
    ' ',
  ),
);
/** Capitalised runs ("Salt Typhoon", "Ministry of State Security", "Xi Jinping"), allowing "of"/"the" inside. */
const NAME =
  /(?:[\p{Lu}][\p{L}\p{N}’'.-]*)(?:\s+(?:(?:of|the|for|de|van|von)\s+)?[\p{Lu}][\p{L}\p{N}’'.-]*)*/gu;

/** Titles and qualifiers before a name: "U.S. President Donald Trump" is about Donald Trump. */
const TITLES = /^(?:President|Prime|Minister|Secretary|Senator|General|Chief|Director|Mr|Mrs|Ms|Dr)\.?$/u;
const DEMONYM = /^\p{Lu}\p{Ll}+(?:an|ese|ern|ish)$/u;
const ACRONYM = /^(?:\p{Lu}\.)+$|^\p{Lu}{1,3}$/u;

function isLead(word: string): boolean {
  return NOT_NAMES.has(word) || TITLES.test(word) || DEMONYM.test(word) || ACRONYM.test(word);
}

function cleanTopic(raw: string): string | undefined {
  const words = raw
    .replace(/(?<!\b\p{Lu})[.,;:]+$/u, '')
    .replace(/[’']s?$/u, '')
    .split(/\s+/);
  while (words.length > 1 && isLead(words[0] ?? '')) words.shift();
  if (words.length === 1 && NOT_NAMES.has(words[0] ?? '')) return undefined;
  const topic = words.join(' ').replace(/[.,;:]+$/u, '');
  if (topic.length < 3 || topic.length > MAX_TOPIC) return undefined;
  if (DEMONYM.test(topic)) return undefined; // "Chinese", "Western": adjectives, not topics
  if (/^[\p{Lu}.]+$/u.test(topic) && topic.replace(/\./g, '').length <= 3) return undefined; // "U.S.", "MSS"
  return topic;
}

/** The names a paragraph mentions, in order, once each: what a follow-up question can be about. */
export function paragraphTopics(paragraph: Paragraph): string[] {
  const found: string[] = [];
  for (const sentence of splitSentences(paragraph.text)) {
    for (const match of sentence.matchAll(NAME)) {
      // One capitalised word opening a sentence is just capitalised ("Export controls were…").
      if (match.index === 0 && !/\s/.test(match[0])) continue;
      const topic = cleanTopic(match[0]);
      if (topic !== undefined && !found.includes(topic)) found.push(topic);
    }
  }
  return found;
}

/** The question asked for a topic. */
export function questionAbout(topic: string): string {
  return `What about ${topic}?`;
}

/** How many of the article's paragraphs mention a topic: the rarer, the better it leads to its paragraph. */
function spread(article: Article, topic: string): number {
  return article.paragraphs.filter((paragraph) => paragraph.text.includes(topic)).length;
}

const words = (topic: string) => topic.split(' ').length;

/**
 * Paragraph numbers to look in: `prefer` first, then the rest by distance from the nearest cited
 * paragraph (nearest first); cited paragraphs themselves are skipped, since the answer used them.
 */
function candidates(article: Article, cited: readonly number[], prefer: readonly number[]): number[] {
  const all = article.paragraphs.map((paragraph) => paragraph.n).filter((n) => !cited.includes(n));
  const distance = (n: number) => (cited.length === 0 ? n : Math.min(...cited.map((at) => Math.abs(at - n))));
  const rest = all.filter((n) => !prefer.includes(n)).sort((a, b) => distance(a) - distance(b) || a - b);
  return [...prefer.filter((n) => all.includes(n)), ...rest];
}

/**
 * Up to `count` short questions the article can answer that were not already asked or answered:
 * from the paragraphs nearest the ones cited (or those preferred, then the article's first), each about a
 * name its paragraph mentions that the question and answer do not. No model call is needed.
 */
export function suggestFollowUps(
  article: Article,
  {
    cited,
    seen,
    prefer = [],
    count = 3,
  }: {
    /** Paragraphs the answer quoted (skipped; the others are tried nearest first). */
    cited: readonly number[];
    /** The question and answer so far: topics they name are not suggested again. */
    seen: string;
    /** Paragraphs to try first (a declined question's near misses). */
    prefer?: readonly number[];
    count?: number;
  },
): FollowUp[] {
  const known = seen.toLowerCase();
  const chosen: FollowUp[] = [];
  for (const n of candidates(article, cited, prefer)) {
    if (chosen.length >= count) break;
    const paragraph = article.paragraphs[n - 1];
    if (!paragraph) continue;
    const topics = paragraphTopics(paragraph);
    const fresh = topics
      .map((topic, index) => ({ topic, index }))
      .filter(({ topic }) => !known.includes(topic.toLowerCase()))
      // A name in most paragraphs ("China" in a story about China) leads nowhere in particular.
      .filter(({ topic }) => spread(article, topic) <= Math.max(2, article.paragraphs.length / 3))
      .filter(({ topic }) => !chosen.some((f) => f.question === questionAbout(topic)))
      .sort(
        (a, b) => spread(article, a.topic) - spread(article, b.topic) || words(b.topic) - words(a.topic),
      )[0];
    if (fresh)
      chosen.push({
        articleId: article.id,
        paragraph: n,
        topic: fresh.index,
        question: questionAbout(fresh.topic),
      });
  }
  return chosen;
}

/** The follow-up a button names (article, paragraph, topic), if the article still has it. */
export function followUpAt(article: Article, paragraph: number, topic: number): string | undefined {
  const found = article.paragraphs[paragraph - 1];
  const name = found ? paragraphTopics(found)[topic] : undefined;
  return name === undefined ? undefined : questionAbout(name);
}
