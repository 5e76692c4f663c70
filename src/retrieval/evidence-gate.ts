import type { LexicalHit, ParagraphIndex } from './lexical-index.js';

/** The gate's verdict and the figures behind it. */
export interface GateVerdict {
  readonly relevant: boolean;
  /** IDF-weighted share of the question's terms that the article's best paragraphs hold exactly. */
  readonly coverage: number;
  readonly matched: readonly string[];
}

export interface GateInput {
  /** The question's own index terms (no history). */
  readonly terms: readonly string[];
  /** The question's own lexical hits in the article, best first. */
  readonly hits: readonly LexicalHit[];
  readonly index: ParagraphIndex;
  /** Best cosine similarity of the question to a paragraph, when embeddings are on. */
  readonly semanticBest?: number;
  /** The message speaks to the bot: more of its words are about the bot, not the article. */
  readonly addressed?: boolean;
  /** Overrides the coverage threshold (for calibration runs). */
  readonly minCoverage?: number;
  /** For a question term the best paragraphs lack: the stems of the story's other wordings of it. */
  readonly bridged?: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Paragraphs holding the bridged wordings best, also evidence for them. */
  readonly bridgeHits?: readonly LexicalHit[];
}

/**
 * The coverage a question needs, chosen on the trade-off curve in bench/RESULTS.md (story questions
 * and the SQuAD 2.0 article): the point that keeps nearly every answerable question while stopping
 * the off-topic ones a reader sends, since declining an answerable question costs more than one
 * model call that declines. 0.1 declined 3.4 points fewer answerable reader-dev questions (issue 19),
 * but let a question about a name the story never mentions ("What did the European Union say about
 * the decision?") through to an unrelated sentence, so 0.2 stays until the focus check covers names.
 */
export const MIN_COVERAGE = 0.2;
const MIN_SEMANTIC = 0.45;
/** How much a bridged term counts, against 1 for the exact word. */
const BRIDGE_CREDIT = 0.6;
/** Paragraphs whose terms count as evidence: the best lexical hits. */
const EVIDENCE_PARAGRAPHS = 3;

// Words about the bot, its prompt or its instructions: an article using them ("prompted") is no
// evidence that it covers a question about them. They count against a question, never for it.
const ABOUT_THE_BOT = new Set('prompt instruct jailbreak chatgpt gpt llm chatbot bot'.split(' '));
// More words that are about the bot when the message speaks to it ("your system", "reveal your rules").
const ADDRESSED = new Set(
  (
    'ignor disregard forget system rule assist ai api kei configur reveal pretend dan password token ' +
    'model previou hide secret print output repeat word pwned act poem joke'
  ).split(' '),
);
const SPEAKS_TO_THE_BOT =
  /\b(?:you|your|yourself|you're)\b|^\W*(?:ignore|disregard|forget|pretend|act as|reveal|print|output|repeat|system\s*:)/i;

// Attempts to instruct the bot rather than ask about the story.
const INJECTION =
  /\b(?:ignore|disregard|forget|override)\b[^.?!]*\b(?:instructions?|rules?|prompts?|above|everything|article|previous|prior)\b|\bsystem\s*(?:prompt|message|:)|^\W*system\b|\b(?:reveal|print|show|output|repeat)\b[^.?!]*\b(?:prompt|instructions|rules|configuration|api key|secret|password|token)s?\b|\byou are now\b|\b(?:act|pretend|roleplay) (?:as|to be|you are)\b|\bjailbreak\b|\bDAN\b/i;

// "How did he die?", "when did it start": a third-person pronoun with nothing else to refer to
// points at the story (a reader asking the bot about the story in front of them).
const REFERS_TO_THE_STORY =
  /\b(?:he|she|they|him|her|them|his|hers|their|theirs|it|its|this|that|these|those)\b/i;

/** Whether a message tries to instruct the bot ("Ignore your instructions…", "SYSTEM: …", "You are now DAN"). */
export function isInjection(question: string): boolean {
  return INJECTION.test(question);
}

/**
 * Whether a question shares anything with the story: a term some paragraph holds, or a bridged
 * wording of one; words about the bot never count, and an attempt to instruct the bot never passes.
 */
export function sharesSubject(
  question: string,
  terms: readonly string[],
  index: ParagraphIndex,
  /** Bridges other than WordNet's (abbreviations, numbers): a shared name or figure is shared subject. */
  bridgedTerms: number,
): boolean {
  if (isInjection(question)) return false;
  const addressed = speaksToTheBot(question);
  const counts = (term: string) =>
    !ABOUT_THE_BOT.has(term) && !(addressed && ADDRESSED.has(term)) && index.knows(term);
  return terms.some(counts) || bridgedTerms > 0 || REFERS_TO_THE_STORY.test(question);
}

/** Whether a message speaks to the bot ("your instructions", "Ignore …", "SYSTEM: …"). */
export function speaksToTheBot(question: string): boolean {
  return SPEAKS_TO_THE_BOT.test(question);
}

/**
 * Decides whether the article covers a question well enough to answer it at all. Evidence is
 * exact: a term counts only where a top paragraph holds it as is (a prefix or fuzzy match such as
 * "minister" for "Ministry" does not), and words about the bot are never evidence.
 */
export function evidenceGate(input: GateInput): GateVerdict {
  const { terms, hits, index, semanticBest } = input;
  const unique = [...new Set(terms)];
  if (unique.length === 0) return { relevant: false, coverage: 0, matched: [] };
  const evidence = hits.slice(0, EVIDENCE_PARAGRAPHS).map((hit) => hit.n);
  const aboutTheBot = (term: string) =>
    ABOUT_THE_BOT.has(term) || (input.addressed === true && ADDRESSED.has(term));
  const matched = unique.filter((term) => !aboutTheBot(term) && evidence.some((n) => index.holds(n, term)));
  const weight = (list: readonly string[]) => list.reduce((sum, term) => sum + index.idf(term), 0);
  // A term the story words otherwise ("CEO" / "chief executive") counts, below an exact match.
  const bridgeEvidence = [
    ...evidence,
    ...(input.bridgeHits ?? []).slice(0, EVIDENCE_PARAGRAPHS).map((hit) => hit.n),
  ];
  const bridged = unique.filter(
    (term) =>
      !matched.includes(term) &&
      !aboutTheBot(term) &&
      (input.bridged?.get(term) ?? []).some((stems) =>
        bridgeEvidence.some((n) => stems.every((stem) => index.holds(n, stem))),
      ),
  );
  const coverage = (weight(matched) + BRIDGE_CREDIT * weight(bridged)) / weight(unique);
  const lexical = matched.length > 0 && coverage >= (input.minCoverage ?? MIN_COVERAGE);
  const semantic = semanticBest !== undefined && semanticBest >= MIN_SEMANTIC;
  return { relevant: lexical || semantic, coverage, matched };
}
