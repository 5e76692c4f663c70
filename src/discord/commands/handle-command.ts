import type { ChatInputCommandInteraction } from 'discord.js';
import { findCommand } from './index.js';
import type { BotContext } from '../deliver/context.js';
import { replyPrivately } from '../render/respond.js';

const UNKNOWN = "I don't know that command any more; the command list may be updating. Try /help.";

/** Routes a slash command through the registry. */
export async function handleCommand(
  context: BotContext,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  const command = findCommand(interaction.commandName);
  if (!command) return replyPrivately(interaction, UNKNOWN);
  await command.execute(context, interaction);
}
