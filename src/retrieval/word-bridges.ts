import type { Article } from '../articles/types.js';
import type { WordBridge } from '../domain/types.js';
import { analyze, processTerm, tokenize } from '../text/analyzer.js';
import { bridgesFor, definedAbbreviations } from '../text/words/bridges.js';
import type { ParagraphIndex } from './lexical-index.js';

/** The bridges of one article: its own abbreviations and its vocabulary, read once. */
export interface ArticleBridges {
  /** Wordings of the question's words that this article uses. */
  bridges(question: string): WordBridge[];
}

/** Builds the bridges of an article over its paragraph index (bridges only to wordings the article uses). */
export function createArticleBridges(article: Article, index: ParagraphIndex): ArticleBridges {
  const text = article.paragraphs.map((paragraph) => paragraph.text).join('\n');
  const lower = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}%]+/gu, ' ')} `;
  const abbreviations = definedAbbreviations(text);
  const inArticle = (wording: string): string | undefined => {
    const words = wording
      .replace(/[^\p{L}\p{N}%]+/gu, ' ')
      .trim()
      .split(' ');
    if (words.length === 1) {
      const stems = analyze(wording);
      return stems.length > 0 && stems.every((stem) => index.knows(stem)) ? wording : undefined;
    }
    const phrase = words.join(' ');
    return lower.includes(` ${phrase} `) ? phrase : undefined;
  };
  return {
    bridges: (question) =>
      bridgesFor(
        tokenize(question).map((word) => word.toLowerCase()),
        {
          abbreviations,
          inArticle,
          question,
          // A word the story uses itself needs no synonym; framing words ("say", "tell") get none.
          needsSynonym: (word) => {
            const term = processTerm(word);
            return term !== null && !index.knows(term);
          },
        },
      ),
  };
}
