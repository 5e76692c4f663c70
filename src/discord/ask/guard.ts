import { DiscordAPIError, type Interaction, type Message } from 'discord.js';
import { UserFacingError, userMessageOf } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import { tellInteraction } from '../render/respond.js';
import { undeliverableCode } from '../deliver/undeliverable.js';

/** Who and where, for logs: ids only, never message text or tokens. */
export interface FailureContext {
  readonly event: string;
  readonly command?: string;
  readonly userId?: string;
  readonly guildId?: string | null;
}

/** Logs a failure: a user-facing one is expected (warn), anything else is a bug (error). */
export function logFailure(logger: Logger, error: unknown, context: FailureContext): void {
  if (error instanceof UserFacingError)
    logger.warn({ ...context, code: error.code }, 'question failed: %s', error.code);
  else logger.error({ ...context, err: error }, 'handler failed');
}

export function interactionContext(interaction: Interaction): FailureContext {
  const command =
    interaction.isCommand() || interaction.isAutocomplete()
      ? interaction.commandName
      : interaction.isMessageComponent()
        ? `button:${interaction.customId.split(':')[0] ?? ''}`
        : undefined;
  return {
    event: 'interaction',
    ...(command !== undefined ? { command } : {}),
    userId: interaction.user.id,
    guildId: interaction.guildId,
  };
}

export function messageContext(message: Message): FailureContext {
  return { event: 'message', userId: message.author.id, guildId: message.guildId };
}

/**
 * Runs an interaction handler so that nothing escapes: a failure is logged with context and the
 * user is told (editReply if deferred, follow-up if replied, else an ephemeral reply).
 */
export async function guardInteraction(
  logger: Logger,
  interaction: Interaction,
  handler: () => Promise<void>,
): Promise<void> {
  try {
    await handler();
  } catch (error) {
    const context = interactionContext(interaction);
    // Discord forgot the interaction (acknowledged too late: 10062) or it is answered already
    // (40060): a second callback would only be refused again, a duplicate that shows nothing.
    if (interactionGone(error)) {
      logger.warn(
        { ...context, code: (error as { code: number }).code },
        'interaction expired before it was acknowledged',
      );
      return;
    }
    logFailure(logger, error, context);
    if (!interaction.isRepliable()) return;
    try {
      await tellInteraction(interaction, userMessageOf(error));
    } catch (secondError) {
      logger.warn({ ...context, err: secondError }, 'could not tell the user about a failure');
    }
  }
}

/** Unknown interaction (10062) or already acknowledged (40060): nothing more can be sent on it. */
function interactionGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof DiscordAPIError && (code === 10062 || code === 40060);
}

/** Logs a reply Discord refused for good (once, without the error's details); false for other errors. */
function loggedUndeliverable(logger: Logger, error: unknown, context: FailureContext): boolean {
  const code = undeliverableCode(error);
  if (code === undefined) return false;
  logger.warn({ ...context, code }, 'reply undeliverable: Discord refused the message');
  return true;
}

/**
 * Runs a message handler so that nothing escapes; `tell` replies with the friendly text. A reply
 * Discord refuses for good (the user's DMs are closed) is logged once and not retried.
 */
export async function guardMessage(
  logger: Logger,
  message: Message,
  handler: () => Promise<void>,
  tell: (text: string) => Promise<unknown>,
): Promise<void> {
  try {
    await handler();
  } catch (error) {
    const context = messageContext(message);
    // DMs closed, channel gone or no permission: an apology sent there would be refused too.
    if (loggedUndeliverable(logger, error, context)) return;
    logFailure(logger, error, context);
    try {
      await tell(userMessageOf(error));
    } catch (secondError) {
      if (loggedUndeliverable(logger, secondError, context)) return;
      logger.warn({ ...context, err: secondError }, 'could not tell the user about a failure');
    }
  }
}
