import {
  MessageFlags,
  type ButtonInteraction,
  type Message,
  type MessageMentionOptions,
  type RepliableInteraction,
} from 'discord.js';
import type { OutgoingMessage } from './outgoing.js';

/** Sent with every message: nothing in it may ping anyone (the client default says the same). */
export const NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };

function body(message: OutgoingMessage) {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: NO_PINGS,
  };
}

/** Like `body`, but replaces whatever the message showed before (content included). */
function replacement(message: OutgoingMessage) {
  return { ...body(message), content: message.content ?? '' };
}

const flagsFor = (ephemeral: boolean) => (ephemeral ? ({ flags: MessageFlags.Ephemeral } as const) : {});

async function followUps(
  interaction: RepliableInteraction,
  rest: readonly OutgoingMessage[],
  ephemeral: boolean,
): Promise<Message[]> {
  const sent: Message[] = [];
  for (const message of rest)
    sent.push(await interaction.followUp({ ...body(message), ...flagsFor(ephemeral) }));
  return sent;
}

/** First response to an interaction (no defer before it); more messages follow up. */
export async function replyTo(
  interaction: RepliableInteraction,
  messages: readonly OutgoingMessage[],
  { ephemeral }: { readonly ephemeral: boolean },
): Promise<void> {
  const [first, ...rest] = messages;
  if (!first) return;
  await interaction.reply({ ...body(first), ...flagsFor(ephemeral) });
  await followUps(interaction, rest, ephemeral);
}

/** Replaces the message a button is on; anything more follows up privately. */
export async function updateTo(
  interaction: ButtonInteraction,
  messages: readonly OutgoingMessage[],
): Promise<void> {
  const [first, ...rest] = messages;
  if (!first) return;
  await interaction.update(replacement(first));
  await followUps(interaction, rest, true);
}

/** Answers a message with a reply, then sends the rest to the same channel. */
export async function replyToMessage(
  message: Message,
  messages: readonly OutgoingMessage[],
): Promise<Message[]> {
  const [first, ...rest] = messages;
  if (!first) return [];
  const sent: Message[] = [await message.reply({ ...body(first), failIfNotExists: false })];
  const channel = message.channel;
  for (const more of rest) {
    if (!channel.isSendable()) break;
    sent.push(await channel.send(body(more)));
  }
  return sent;
}

/** Tells the user something (usually what went wrong), however far the interaction got. */
export async function tellInteraction(interaction: RepliableInteraction, content: string): Promise<void> {
  const message = { content, embeds: [], components: [] };
  if (interaction.deferred && !interaction.replied) await interaction.editReply(replacement(message));
  else if (interaction.replied || interaction.deferred)
    await interaction.followUp({ ...body(message), ...flagsFor(true) });
  else await interaction.reply({ ...body(message), ...flagsFor(true) });
}
