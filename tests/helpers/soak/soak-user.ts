import type { FakeDiscord } from '../fake-discord/index.js';
import { buttonIds } from '../discord-harness.js';
import {
  noteAnswer,
  runInteraction,
  runMessage,
  type ActionKind,
  type ActionResult,
  type SoakUser,
} from './actions.js';
import type { Random } from './random.js';

/** How often each action is chosen (answers to press and reply to must exist; else a question is asked). */
export const ACTION_WEIGHTS: Readonly<Record<ActionKind, number>> = {
  'ask-guild': 22,
  'ask-dm': 8,
  'ask-private': 5,
  'ask-impatient': 3,
  dm: 20,
  mention: 14,
  reply: 10,
  vote: 6,
  'show-paragraphs': 4,
  quote: 4,
  article: 2,
  help: 2,
};

/** What one action needs from the run. */
export interface ActionContext {
  readonly fake: FakeDiscord;
  readonly random: Random;
  readonly who: SoakUser;
  /** The question text (already carrying its marker). */
  readonly question: string;
  readonly paragraphs: number;
  readonly timeoutMs: number;
  /** Records an interaction token, so the logs can be checked for it. */
  readonly onToken: (token: string) => void;
}

/** The action to take, falling back to a plain question when there is nothing to press or reply to. */
export function chooseAction(random: Random, who: SoakUser): ActionKind {
  const kind = random.weighted(ACTION_WEIGHTS);
  if ((kind === 'vote' || kind === 'show-paragraphs') && !who.lastAnswer) return 'ask-guild';
  if (kind === 'reply' && !who.lastGuildAnswer) return 'mention';
  return kind;
}

const ask = (c: ActionContext, guild: boolean, extra: { private?: boolean } = {}) => {
  const options = [
    { name: 'question', type: 3, value: c.question },
    ...(extra.private ? [{ name: 'private', type: 5, value: true }] : []),
  ];
  return c.fake.sendCommand({ name: 'ask', options, user: c.who.user, guild, channelId: c.who.channelId });
};

/** Performs one action and waits for its outcome. */
export async function performAction(c: ActionContext, kind: ActionKind): Promise<ActionResult> {
  const { fake, who, random } = c;
  const interaction = async (ix: ReturnType<FakeDiscord['sendCommand']>, inGuild: boolean) => {
    c.onToken(ix.token);
    const result = await runInteraction(kind, ix, c.timeoutMs);
    if (kind.startsWith('ask')) noteAnswer(who, result, ix, inGuild);
    return result;
  };
  switch (kind) {
    case 'ask-guild':
    case 'ask-impatient':
      return interaction(ask(c, true), true);
    case 'ask-private':
      return interaction(ask(c, true, { private: true }), true);
    case 'ask-dm':
      return interaction(ask(c, false), false);
    case 'dm':
      return runMessage(
        fake,
        kind,
        fake.sendMessage({ content: c.question, author: who.user, dm: true }),
        who,
        c.timeoutMs,
      );
    case 'mention': {
      const sent = fake.sendMessage({
        content: c.question,
        author: who.user,
        channelId: who.channelId,
        mentionsBot: true,
      });
      return runMessage(fake, kind, sent, who, c.timeoutMs);
    }
    case 'reply': {
      const sent = fake.sendMessage({
        content: c.question,
        author: who.user,
        referencedMessage: who.lastGuildAnswer,
      });
      return runMessage(fake, kind, sent, who, c.timeoutMs);
    }
    case 'vote':
    case 'show-paragraphs': {
      const message = who.lastAnswer;
      const ids = buttonIds(message);
      const votes = ids.filter((b) => b.startsWith('vote:'));
      const id =
        kind === 'vote'
          ? votes.length > 0
            ? random.pick(votes)
            : undefined
          : ids.find((b) => b.startsWith('paras'));
      if (!message || id === undefined) return performAction(c, 'ask-guild');
      return interaction(
        fake.pressButton({ customId: id, message, user: who.user }),
        message.channel_id !== who.dmChannelId,
      );
    }
    case 'quote': {
      const paragraph = random.int(1, c.paragraphs + 2);
      const options = [{ name: 'paragraph', type: 4, value: paragraph }];
      return interaction(
        fake.sendCommand({ name: 'quote', options, user: who.user, channelId: who.channelId }),
        true,
      );
    }
    case 'article':
    case 'help':
      return interaction(fake.sendCommand({ name: kind, user: who.user, channelId: who.channelId }), true);
  }
}
