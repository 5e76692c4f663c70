import type { Article } from '../../articles/types.js';
import type { Nlp } from '../../text/nlp.js';
import type { ReaderIntent } from './intents.js';
import { summaryParagraphs } from './summary.js';

/** How many questions a friendly reply suggests. */
export const SUGGESTED_QUESTIONS = 3;

// Proper nouns that are too generic to make a good question on their own.
const GENERIC = new Set(['mr', 'mrs', 'ms', 'dr', 'the', 'a', 'an']);

/**
 * Topics the article names most (runs of proper nouns such as "Salt Typhoon" or "MSS"), from its
 * lead and most central paragraphs first, as candidate subjects of suggested questions.
 */
export function namedTopics(nlp: Nlp, article: Article): string[] {
  const counts = new Map<string, { text: string; count: number; first: number }>();
  const central = new Set(summaryParagraphs(nlp, article).map((paragraph) => paragraph.n));
  article.paragraphs.forEach((paragraph, index) => {
    for (const sentence of nlp.sentences(paragraph.text)) {
      let run: string[] = [];
      const flush = () => {
        const text = run.join(' ');
        run = [];
        if (text.length < 3 || GENERIC.has(text.toLowerCase())) return;
        const key = text.toLowerCase();
        const entry = counts.get(key) ?? { text, count: 0, first: index };
        entry.count += central.has(paragraph.n) ? 2 : 1;
        counts.set(key, entry);
      };
      sentence.tokens.forEach((token, at) => {
        const next = sentence.tokens[at + 1];
        // "Ministry of State Security": "of" between two proper nouns stays inside the name.
        const joins = token.text === 'of' && run.length > 0 && next?.pos === 'PROPN';
        if (joins || (token.pos === 'PROPN' && /^[\p{L}\p{N}.&-]+$/u.test(token.text))) run.push(token.text);
        else flush();
      });
      flush();
    }
  });
  // Names of two words or more ("Salt Typhoon", "White House") are more specific than one
  // ("Washington"), and a name the headline already gives is no news to the reader.
  const inTitle = new Set(article.title.toLowerCase().match(/[\p{L}\p{N}.]+/gu) ?? []);
  const words = (text: string) => text.toLowerCase().split(' ');
  return [...counts.values()]
    .filter((entry) => !words(entry.text).every((word) => inTitle.has(word)))
    .sort(
      (a, b) =>
        Number(b.text.includes(' ')) - Number(a.text.includes(' ')) || b.count - a.count || a.first - b.first,
    )
    .map((entry) => entry.text);
}

/** Candidate questions the article can answer: a summary first, then questions about its named topics. */
export function candidateQuestions(nlp: Nlp, article: Article): string[] {
  return [
    'What happened?',
    ...namedTopics(nlp, article)
      .slice(0, 6)
      .map((topic) => `What does the story say about ${topic}?`),
  ];
}

const OPENINGS: Readonly<Record<string, (title: string) => string>> = {
  greeting: (title) =>
    `Hi! I answer questions about “${title}” from the article alone, quoting it word for word.`,
  thanks: (title) => `You're welcome! Happy to answer more about “${title}”.`,
  'about-bot': (title) =>
    `I'm storybot: I answer questions about “${title}” using only the article, and every quote I show is checked word for word against it.`,
  capabilities: (title) =>
    `I can sum up “${title}”, answer questions about it and follow up on my answers, quoting the article word for word.`,
};

/** The short friendly reply to a greeting, thanks or a question about the bot, with questions to try. */
export function socialReply(intent: ReaderIntent, title: string, questions: readonly string[]): string {
  const opening = (OPENINGS[intent] ?? OPENINGS.greeting ?? (() => ''))(title);
  const list = questions.map((question) => `• ${question}`).join('\n');
  return questions.length > 0 ? `${opening} You could ask:\n${list}` : opening;
}
