/** The plain-text rendering of an answer, shared by the console and the `ask` command. */
import type { Answer, ShownClaim } from '../domain/types.js';

const QUOTE_LIMIT = 300;

function trimQuote(quote: string): string {
  if (quote.length <= QUOTE_LIMIT) return quote;
  const cut = quote.slice(0, QUOTE_LIMIT);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

/** One claim as the console shows it (also as it arrives when streamed). */
export function renderClaimLine(claim: ShownClaim): string {
  return `• ${claim.text}`;
}

/** The part of the question the article doesn't answer, as a line. */
export function renderNotCovered(notCovered: string): string {
  return `Not in the article: ${notCovered}`;
}

/**
 * Renders an answer as plain text, laid out as on Discord: the answer with its markers,
 * then each source's paragraph number and verified quote, then notes. `claimsPrinted` leaves out
 * the claim lines already printed as they streamed in.
 */
export function renderAnswerText(answer: Answer, options: { readonly claimsPrinted?: boolean } = {}): string {
  const lines: string[] = [];
  if (answer.mode === 'reply') {
    lines.push(answer.text);
    if (answer.choices && answer.choices.length > 0) lines.push('', 'Type the number of the story.');
    return lines.join('\n');
  }
  if (answer.mode === 'declined') {
    lines.push(answer.text);
    if (answer.suggestions.length > 0) {
      lines.push('', `What "${answer.article.title}" does cover:`);
      for (const suggestion of answer.suggestions) lines.push(`  • ${suggestion}`);
    }
  } else {
    if (answer.mode === 'extractive') {
      // The answer is made of the quotes themselves: show each once, with its paragraph.
      const sources = new Map(
        answer.citations.map((citation) => [citation.n, `[${citation.n}] ¶${citation.paragraph}`]),
      );
      lines.push(`> ${answer.text}`, '', `Sources: ${[...sources.values()].join(' · ')}`);
    } else {
      const claims = answer.claims.length > 0 ? answer.claims.map(renderClaimLine) : [answer.text];
      if (!options.claimsPrinted) lines.push(...claims, '');
      if (answer.notCovered) lines.push(renderNotCovered(answer.notCovered), '');
      lines.push('Sources:');
      let previous = 0;
      for (const citation of answer.citations) {
        if (citation.n !== previous) lines.push(`  [${citation.n}] ¶${citation.paragraph}`);
        lines.push(`      > ${trimQuote(citation.quote)}`);
        previous = citation.n;
      }
    }
  }
  for (const note of answer.notes) lines.push('', `Note: ${note}`);
  lines.push('', `Answers come only from "${answer.article.title}"; quotes are checked word for word.`);
  return lines.join('\n');
}
