import type { APIEmbed } from 'discord.js';
import type { Article } from '../../articles/types.js';
import { NOTES } from '../../answering/notes.js';
import type { Answer } from '../../domain/types.js';
import { answerComponents } from './answer-buttons.js';
import { attachFields, blockQuote, groupCitations, quoteLink, sourceField } from './answer-sources.js';
import { LIMITS, truncate } from './limits.js';
import { toMessages, type OutgoingMessage } from './outgoing.js';
import { echoUserText, neutraliseMentions, sanitiseModelText, verbatimText } from './safety.js';
import { splitText } from './split.js';

export { blockQuote } from './answer-sources.js';

/** Embed colours: a declined answer must look different at a glance. */
export const ANSWER_COLORS = {
  llm: 0x5865f2,
  extractive: 0x2b8a3e,
  declined: 0xe67e22,
  reply: 0x5865f2,
} as const;

/** Said once, at the end, where a reader finishes: where answers come from. */
export const ANSWER_FOOTER = 'Answers come from the article only · every quote is checked word for word';

/** The one short title: only an extractive answer needs saying what it is. */
export const EXTRACTIVE_TITLE = 'Quoted from the article (no AI model)';

export interface RenderAnswerOptions {
  /** Restated above the answer: others cannot see a slash command's input. */
  readonly question?: string;
  /** Looks up the article a citation points at (for its title, link and follow-up questions). */
  readonly findArticle: (articleId: string) => Article | undefined;
}

/** An extractive answer: each quoted sentence once, labelled with its ¶ (a link to it when possible). */
function extractiveBody(answer: Answer, options: RenderAnswerOptions): string {
  const article = options.findArticle(answer.article.id);
  return groupCitations(answer.citations)
    .flat()
    .map((citation) => {
      const link = quoteLink(options.findArticle(citation.articleId) ?? article, citation.quote);
      const label = link !== undefined ? `[¶${citation.paragraph}](${link})` : `¶${citation.paragraph}`;
      return `${blockQuote(verbatimText(citation.quote))} — ${label}`;
    })
    .join('\n');
}

function notesOf(answer: Answer): string {
  // The extractive title already says there is no model; a note saying so again is noise.
  const notes = answer.notes.filter(
    (note) => !(answer.mode === 'extractive' && note === NOTES.extractiveNoKey),
  );
  return notes.map((note) => `ℹ️ ${neutraliseMentions(note)}`).join('\n');
}

/** The answer text first (what a phone shows without scrolling), then any notes. */
export function answerBody(answer: Answer, options: RenderAnswerOptions, hasFollowUps: boolean): string {
  const url = answer.article.url;
  const main =
    answer.mode === 'extractive'
      ? extractiveBody(answer, options)
      : answer.mode === 'declined'
        ? `${sanitiseModelText(answer.text, url)}${hasFollowUps ? ' Try a question below that it does answer.' : ''}`
        : sanitiseModelText(answer.text, url);
  const notCovered = answer.notCovered
    ? `**Not in the article:** ${sanitiseModelText(answer.notCovered, url)}`
    : '';
  return (
    [main, notCovered, notesOf(answer)].filter((part) => part.trim() !== '').join('\n\n') || NOTES.declined
  );
}

/** The footer: which story, and how answers are grounded. */
export function answerFooter(answer: Answer): string {
  const { title, source } = answer.article;
  const from = truncate(source ? `${title} — ${source}` : title, 300);
  return `${from}\n${ANSWER_FOOTER}`;
}

/**
 * Renders an answer as Discord messages: the answer first (inline markers kept), one source field
 * per marker (¶n, the verified quotes, a link that opens the article at them), a footer naming the
 * story, and buttons (Show paragraphs and votes under a quoted answer; up to three follow-up
 * questions under any). Long answers continue in further embeds and messages.
 */
export function renderAnswer(answer: Answer, options: RenderAnswerOptions): OutgoingMessage[] {
  const color = ANSWER_COLORS[answer.mode];
  const components = answerComponents(answer, options.findArticle(answer.article.id));
  const hasFollowUps = components.some((row) =>
    row.components.some((c) => 'custom_id' in c && c.custom_id.startsWith('ask:')),
  );
  const [first = '', ...more] = splitText(answerBody(answer, options, hasFollowUps), LIMITS.description);
  const embeds: APIEmbed[] = [
    { color, ...(answer.mode === 'extractive' ? { title: EXTRACTIVE_TITLE } : {}), description: first },
    ...more.map((description) => ({ color, description })),
  ];
  if (answer.mode === 'llm') {
    const fields = groupCitations(answer.citations).flatMap((group) => {
      const field = sourceField(group, answer, options.findArticle);
      return field ? [field] : [];
    });
    const footer = answerFooter(answer);
    attachFields(embeds, fields, color, footer.length);
  }
  const last = embeds[embeds.length - 1];
  if (last) last.footer = { text: answerFooter(answer) };
  const content = options.question === undefined ? undefined : restatedQuestion(options.question);
  return toMessages(embeds, content, components);
}

/** The question as echoed above an answer: escaped, inert, within the content limit. */
export function restatedQuestion(question: string): string {
  return truncate(`**Q:** ${echoUserText(question)}`, LIMITS.content);
}
