import path from 'node:path';
import type { Prompts } from '../../src/answering/prompt/prompts.js';
import { loadArticleFile } from '../../src/articles/load-articles.js';
import type { Article } from '../../src/articles/types.js';
import { checkClaim } from '../../src/answering/grounding/grounding.js';
import { createModelClaimChecker, type ClaimChecker } from '../../src/answering/grounding/model-check.js';
import { loadNlp } from '../../src/text/nlp.js';
import type { Passage } from '../../src/domain/types.js';
import { createOpenAiLlm } from '../../src/llm/openai-llm.js';
import { createLogger } from '../../src/logging/logger.js';
import { startFakeOpenAi } from '../../tests/helpers/fake-openai.js';
import { createHonestJudge } from '../../tests/helpers/claim-judge.js';
import { loadClaimSets, type ClaimCase, type ClaimSets } from './claim-sets.js';

/** What became of one case: shown with the code check alone, and with the model check after it. */
export interface CaseOutcome {
  readonly id: string;
  readonly split: 'dev' | 'held-out';
  readonly code: boolean;
  readonly model: boolean;
  /** Why the code check removed it, when it did. */
  readonly reason?: string;
}

const QUESTION = 'What does the story say?';

function passagesOf(article: Article): Passage[] {
  return article.paragraphs.map((paragraph) => ({ article, paragraph, score: 1 }));
}

/** The claim as a model would write it: each quote citing the paragraph it comes from. */
function rawClaim(item: ClaimCase, article: Article) {
  const folded = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').toLowerCase();
  return {
    text: item.claim,
    quotes: item.quotes.map((quote) => ({
      quote,
      source: article.paragraphs.findIndex((p) => folded(p.text).includes(folded(quote))) + 1 || 1,
    })),
  };
}

/** Runs every case through the code check, then the survivors through the model check. */
async function runCases(
  cases: readonly ClaimCase[],
  corporaDir: string,
  checker: ClaimChecker,
): Promise<CaseOutcome[]> {
  const stories = new Map<string, Article>();
  const outcomes: CaseOutcome[] = [];
  for (const item of cases) {
    let article = stories.get(item.story);
    if (!article) {
      article = await loadArticleFile(path.join(corporaDir, item.story));
      stories.set(item.story, article);
    }
    const check = checkClaim(rawClaim(item, article), passagesOf(article), article, { support: true });
    let model = false;
    if (check.ok) {
      const verdict = await checker.check([check.claim], { question: item.question ?? QUESTION });
      model = verdict.supported[0] !== false;
    }
    outcomes.push({
      id: item.id,
      split: item.split,
      code: check.ok,
      model,
      ...(!check.ok && { reason: check.reason }),
    });
  }
  return outcomes;
}

/** The three sets' outcomes, the model check asked through a real client of an honest judge fake. */
export async function runClaimsEval(options: {
  readonly corporaDir: string;
  readonly prompts: Prompts;
  readonly sets?: ClaimSets;
}): Promise<{ sets: ClaimSets; outcomes: Map<string, CaseOutcome> }> {
  const sets = options.sets ?? loadClaimSets();
  const truth = new Map<string, boolean>([
    ...sets.injected.map((item) => [item.claim, false] as const),
    ...sets.faithful.map((item) => [item.claim, true] as const),
    ...sets.realistic.map((item) => [item.claim, item.label === 'consistent'] as const),
  ]);
  const judge = createHonestJudge({ truth: (claim) => truth.get(claim) });
  const fake = await startFakeOpenAi({ chat: judge.handler });
  try {
    await loadNlp();
    const logger = createLogger({ level: 'silent' });
    const llm = createOpenAiLlm({
      apiKey: 'sk-eval-judge',
      baseURL: fake.baseURL,
      timeoutMs: 10_000,
      maxRetries: 0,
      model: 'judge',
      maxOutputTokens: 400,
      temperature: 0,
      jsonFormatPrompt: options.prompts.jsonFormat,
      logger,
    });
    const checker = createModelClaimChecker({ llm, prompts: options.prompts, logger });
    const all = [...sets.injected, ...sets.faithful, ...sets.realistic];
    const outcomes = await runCases(all, options.corporaDir, checker);
    return { sets, outcomes: new Map(outcomes.map((outcome) => [outcome.id, outcome])) };
  } finally {
    await fake.close();
  }
}
