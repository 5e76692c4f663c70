import { ButtonStyle, ComponentType, type APIButtonComponentWithCustomId } from 'discord.js';
import type { Article } from '../../articles/types.js';
import { suggestFollowUps } from '../../answering/intents/follow-ups.js';
import type { Answer } from '../../domain/types.js';
import {
  followUpButtonId,
  paragraphsButtonId,
  stopButtonId,
  storyButtonId,
  VOTE_DOWN_ID,
  VOTE_UP_ID,
} from '../commands/custom-ids.js';
import { truncate } from './limits.js';
import type { OutgoingMessage } from './outgoing.js';

type Components = OutgoingMessage['components'];
/** Discord's limit on a button label. */
const MAX_LABEL = 80;

function button(
  custom_id: string,
  label: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger,
  emoji?: string,
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style,
    label: truncate(label, MAX_LABEL),
    custom_id,
    ...(emoji !== undefined ? { emoji: { name: emoji } } : {}),
  };
}

/** "Show paragraphs" and the votes: only under an answer that quotes the article. */
function answerRow(answer: Answer): APIButtonComponentWithCustomId[] {
  if (answer.mode === 'declined' || answer.citations.length === 0) return [];
  const articleIds = new Set(answer.citations.map((citation) => citation.articleId));
  const paragraphs = [...new Set(answer.citations.map((citation) => citation.paragraph))].sort(
    (a, b) => a - b,
  );
  const single = articleIds.size === 1 ? [...articleIds][0] : undefined;
  return [
    button(paragraphsButtonId(single, paragraphs), 'Show paragraphs', ButtonStyle.Primary),
    button(VOTE_UP_ID, 'Helpful', ButtonStyle.Secondary, '👍'),
    button(VOTE_DOWN_ID, 'Not helpful', ButtonStyle.Secondary, '👎'),
  ];
}

/** Up to three questions the article can answer that this answer did not, as buttons. */
export function followUpRow(answer: Answer, article: Article | undefined): APIButtonComponentWithCustomId[] {
  if (!article) return [];
  const cited = answer.citations.filter((c) => c.articleId === article.id).map((c) => c.paragraph);
  const near = answer.retrieved.filter((p) => p.article.id === article.id).map((p) => p.paragraph.n);
  const suggestions = suggestFollowUps(article, {
    cited,
    seen: `${answer.question}\n${answer.text}`,
    ...(answer.mode === 'declined' ? { prefer: near } : {}),
  });
  return suggestions.flatMap((followUp) => {
    const id = followUpButtonId(followUp.articleId, followUp.paragraph, followUp.topic);
    return id === undefined ? [] : [button(id, followUp.question, ButtonStyle.Secondary, '💬')];
  });
}

/** "Which story?": one button per story (at most five, one row), each asking the question again for it. */
function storyRow(choices: NonNullable<Answer['choices']>): APIButtonComponentWithCustomId[] {
  return choices
    .slice(0, 5)
    .map((choice, index) =>
      button(storyButtonId(index + 1), `${index + 1}. ${choice.title}`, ButtonStyle.Secondary),
    );
}

/**
 * The rows under a finished answer: its own buttons, then the follow-up questions; a "which
 * story?" reply has only its story buttons.
 */
export function answerComponents(answer: Answer, article: Article | undefined): Components {
  if (answer.choices && answer.choices.length > 0)
    return [{ type: ComponentType.ActionRow, components: storyRow(answer.choices) }];
  return [answerRow(answer), followUpRow(answer, article)]
    .filter((row) => row.length > 0)
    .map((components) => ({ type: ComponentType.ActionRow, components }));
}

/** The row under an answer still being written: Stop. */
export function writingComponents(streamId: string): Components {
  const stop = button(stopButtonId(streamId), 'Stop', ButtonStyle.Danger, '⏹️');
  return [{ type: ComponentType.ActionRow, components: [stop] }];
}
