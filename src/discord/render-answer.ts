import { ButtonStyle, ComponentType, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { ArticleMeta } from '../articles/types.js';
import type { Answer, Citation } from '../domain/types.js';
import { paragraphsButtonId, storyButtonId, VOTE_DOWN_ID, VOTE_UP_ID } from './custom-ids.js';
import { embedLength, isWebUrl, toMessages, type OutgoingMessage } from './outgoing.js';
import { echoUserText, neutraliseMentions, sanitiseModelText, verbatimText } from './safety.js';
import { LIMITS, splitText, truncate } from './split.js';
import { textFragmentUrl } from './text-fragment.js';

/** Embed colours: a declined answer must look different at a glance. */
export const ANSWER_COLORS = {
  llm: 0x5865f2,
  extractive: 0x2b8a3e,
  declined: 0xe67e22,
  reply: 0x5865f2,
} as const;

export const ANSWER_FOOTER =
  'Answers come from the article only · every quote is checked word for word against it';

const TITLES = {
  llm: 'Answer',
  extractive: 'Answer · extractive (sentences quoted from the article, no AI model)',
  declined: "The article doesn't say",
  reply: 'storybot',
} as const;

/** Longest quote shown in a source field before it is trimmed with an ellipsis. */
const QUOTE_PREVIEW = 300;

export interface RenderAnswerOptions {
  /** Restated above the answer: others cannot see a slash command's input. */
  readonly question?: string;
  /** Looks up the article a citation points at (for its title and link). */
  readonly findArticle: (articleId: string) => ArticleMeta | undefined;
}

/** Prefixes every line with `> ` so the text renders as a block quote. */
export function blockQuote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function sourceField(citation: Citation, answer: Answer, options: RenderAnswerOptions): APIEmbedField {
  const article = options.findArticle(citation.articleId);
  const other = article && article.id !== answer.article.id ? ` · ${article.title}` : '';
  const name = truncate(`[${citation.n}] ¶${citation.paragraph}${other}`, LIMITS.fieldName);
  const url = article?.url;
  const link = isWebUrl(url) ? textFragmentUrl(url, citation.quote) : undefined;
  const linkLine =
    link !== undefined && link.length <= 600 ? `\n[Open the article at this quote](${link})` : '';
  // An extractive answer is made of the quotes themselves: say where they are rather than repeat them.
  const quote =
    answer.mode === 'extractive'
      ? `Quoted above, word for word.`
      : blockQuote(verbatimText(truncate(citation.quote, QUOTE_PREVIEW)));
  return { name, value: truncate(quote, LIMITS.fieldValue - linkLine.length) + linkLine };
}

function answerBody(answer: Answer): string {
  const url = answer.article.url;
  const parts = [
    answer.mode === 'extractive'
      ? blockQuote(verbatimText(answer.text))
      : sanitiseModelText(answer.text, url),
  ];
  if (answer.notCovered) parts.push(`**Not in the article:** ${sanitiseModelText(answer.notCovered, url)}`);
  if (answer.mode === 'declined' && answer.suggestions.length > 0) {
    const covered = answer.suggestions.map((topic) => `• ${sanitiseModelText(topic, url)}`).join('\n');
    parts.push(`**What the article does cover:**\n${covered}`);
  }
  if (answer.notes.length > 0)
    parts.push(answer.notes.map((note) => `ℹ️ ${neutraliseMentions(note)}`).join('\n'));
  return parts.filter((part) => part.trim() !== '').join('\n\n') || TITLES[answer.mode];
}

function headEmbed(answer: Answer, description: string): APIEmbed {
  const { title, source, url } = answer.article;
  return {
    color: ANSWER_COLORS[answer.mode],
    author: {
      name: truncate(source ? `${title} — ${source}` : title, LIMITS.authorName),
      ...(isWebUrl(url) ? { url } : {}),
    },
    title: TITLES[answer.mode],
    description,
  };
}

/** Adds source fields, opening a new embed when one is full (25 fields or the 6000 total). */
function attachFields(embeds: APIEmbed[], fields: readonly APIEmbedField[], color: number): void {
  const reserve = ANSWER_FOOTER.length;
  for (const field of fields) {
    let last = embeds[embeds.length - 1];
    const size = field.name.length + field.value.length;
    if (
      !last ||
      (last.fields?.length ?? 0) >= LIMITS.fields ||
      embedLength(last) + size + reserve > LIMITS.embedTotal
    ) {
      last = { color, fields: [] };
      embeds.push(last);
    }
    last.fields = [...(last.fields ?? []), field];
  }
}

/** "Which story?": one button per story (at most five, one row), each asking the question again for it. */
function storyButtons(choices: NonNullable<Answer['choices']>): OutgoingMessage['components'] {
  const buttons = choices.slice(0, 5).map((choice, index) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label: truncate(`${index + 1}. ${choice.title}`, 80),
    custom_id: storyButtonId(index + 1),
  }));
  return [{ type: ComponentType.ActionRow, components: buttons }];
}

function answerButtons(answer: Answer): OutgoingMessage['components'] {
  if (answer.choices && answer.choices.length > 0) return storyButtons(answer.choices);
  const articleIds = new Set(answer.citations.map((citation) => citation.articleId));
  const paragraphs = [...new Set(answer.citations.map((citation) => citation.paragraph))].sort(
    (a, b) => a - b,
  );
  const single = articleIds.size === 1 ? [...articleIds][0] : undefined;
  const show = {
    type: ComponentType.Button as const,
    style: ButtonStyle.Primary as const,
    label: 'Show paragraphs',
    custom_id: paragraphsButtonId(single, paragraphs),
  };
  const vote = (id: string, emoji: string, label: string) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    emoji: { name: emoji },
    label,
    custom_id: id,
  });
  const buttons = [vote(VOTE_UP_ID, '👍', 'Helpful'), vote(VOTE_DOWN_ID, '👎', 'Not helpful')];
  return [
    { type: ComponentType.ActionRow, components: answer.citations.length > 0 ? [show, ...buttons] : buttons },
  ];
}

/**
 * Renders an answer as Discord messages: an embed with the answer (inline markers kept), one
 * source field per citation (¶n, the verified quote, a link that opens the article at it), a
 * footer on grounding, and buttons. Long answers continue in further embeds and messages.
 */
export function renderAnswer(answer: Answer, options: RenderAnswerOptions): OutgoingMessage[] {
  const color = ANSWER_COLORS[answer.mode];
  const [first = '', ...more] = splitText(answerBody(answer), LIMITS.description);
  const embeds: APIEmbed[] = [
    headEmbed(answer, first),
    ...more.map((description) => ({ color, description })),
  ];
  attachFields(
    embeds,
    answer.citations.map((citation) => sourceField(citation, answer, options)),
    color,
  );
  const last = embeds[embeds.length - 1];
  if (last) last.footer = { text: ANSWER_FOOTER };
  const content = options.question === undefined ? undefined : restatedQuestion(options.question);
  return toMessages(embeds, content, answerButtons(answer));
}

/** The question as echoed above an answer: escaped, inert, within the content limit. */
export function restatedQuestion(question: string): string {
  return truncate(`**Q:** ${echoUserText(question)}`, LIMITS.content);
}
