import { MessageFlags, type Message, type RepliableInteraction } from 'discord.js';
import type { OutgoingMessage } from './outgoing.js';
import { NO_PINGS } from './respond.js';

/**
 * Where an answer is shown while it is written: a row of messages that `sync` makes match what
 * should be on screen, editing only those that changed and sending any new ones (an answer that
 * outgrows one message continues in the next).
 */
export interface Surface {
  sync(messages: readonly OutgoingMessage[]): Promise<void>;
  /** The messages shown so far, in order. */
  readonly sent: readonly Message[];
}

function body(message: OutgoingMessage) {
  return {
    content: message.content ?? '',
    embeds: [...message.embeds],
    components: [...message.components],
    allowedMentions: NO_PINGS,
  };
}

/** Shared bookkeeping: what each message shows, so unchanged ones are not edited again. */
function createSurface(
  create: (message: OutgoingMessage, index: number) => Promise<Message>,
  edit: (sent: Message, message: OutgoingMessage, index: number) => Promise<Message>,
  remove: (sent: Message) => Promise<unknown>,
): Surface {
  const sent: Message[] = [];
  const shown: string[] = [];
  return {
    sent,
    async sync(messages) {
      for (const [index, message] of messages.entries()) {
        const key = JSON.stringify(message);
        const existing = sent[index];
        if (existing && shown[index] === key) continue;
        sent[index] = existing ? await edit(existing, message, index) : await create(message, index);
        shown[index] = key;
      }
      // The final layout can need fewer messages than a partial one did: no stale copy stays.
      while (sent.length > Math.max(1, messages.length)) {
        const extra = sent.pop();
        shown.pop();
        if (extra) await remove(extra);
      }
    },
  };
}

/** A deferred interaction: the first message is the deferred reply, more are follow-ups. */
export function interactionSurface(interaction: RepliableInteraction, ephemeral: boolean): Surface {
  const flags = ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
  return createSurface(
    (message, index) =>
      index === 0
        ? interaction.editReply(body(message))
        : interaction.followUp({ ...body(message), ...flags }),
    (sent, message, index) =>
      interaction.editReply({ ...body(message), ...(index === 0 ? {} : { message: sent.id }) }),
    (sent) => interaction.deleteReply(sent.id),
  );
}

/**
 * A message question: the first message answers it (a reply, or the first in its thread), more
 * follow in the same place.
 */
export function messageSurface(
  first: (options: ReturnType<typeof body>) => Promise<Message>,
  more: (options: ReturnType<typeof body>) => Promise<Message>,
): Surface {
  return createSurface(
    (message, index) => (index === 0 ? first(body(message)) : more(body(message))),
    (sent, message) => sent.edit(body(message)),
    (sent) => sent.delete(),
  );
}
