import type { ChatInputCommandInteraction } from 'discord.js';
import { findCommand } from './index.js';
import type { BotContext } from '../runtime/context.js';
import { plainMessage } from '../render/limits.js';
import { replyTo } from '../render/respond.js';

const UNKNOWN = "I don't know that command any more; the command list may be updating. Try /help.";

/** Routes a slash command through the registry. */
export async function handleCommand(
  context: BotContext,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  const command = findCommand(interaction.commandName);
  if (!command) return replyTo(interaction, [plainMessage(UNKNOWN)], { ephemeral: true });
  await command.execute(context, interaction);
}
