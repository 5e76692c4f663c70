import type { Article } from '../../articles/types.js';
import { toMessages, type OutgoingMessage } from './outgoing.js';
import { verbatimText } from './safety.js';
import { truncate } from './limits.js';

/** `/help`: what the bot does, how answers are grounded, how to ask. */
export function renderHelp(articles: readonly Article[], maxQuestionLength: number): OutgoingMessage[] {
  const about =
    articles.length === 1 && articles[0]
      ? `I answer questions about one news story: **${verbatimText(articles[0].title)}**.`
      : `I answer questions about ${articles.length} news stories (pick one with the \`story\` option).`;
  return toMessages([
    {
      color: 0x5865f2,
      title: 'How to use storybot',
      description: truncate(about, 1000),
      fields: [
        {
          name: 'Ask',
          value: [
            '• `/ask question:` in any channel or in a DM (`private: True` shows the answer only to you).',
            '• Mention me with your question, or reply to one of my answers to follow up.',
            '• In a DM, just write: I remember the conversation for a while, so follow-ups work.',
            `• Questions can be up to ${maxQuestionLength} characters.`,
          ].join('\n'),
        },
        {
          name: 'How answers are grounded',
          value: [
            'Answers use only the article, never outside knowledge.',
            'Every quote is checked word for word against the article before it is shown;',
            "anything that can't be verified is left out. If the article doesn't say, I tell you so and suggest questions it does answer.",
          ].join(' '),
        },
        {
          name: 'Read the article',
          value:
            '• `/article`: headline, outlet, date, link and the opening.\n• `/quote paragraph:` any paragraph verbatim, with ◀ ▶ to move around.',
        },
        { name: 'Feedback', value: 'Use 👍 / 👎 under an answer; it helps improve the bot.' },
      ],
    },
  ]);
}
