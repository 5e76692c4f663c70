import { checkQuestion } from '../../answering/question.js';
import { STOPPING_MESSAGE, type BotContext } from '../deliver/context.js';
import { retryMessage } from './cooldown.js';

/** Why a question is not answered, so each front end can reply in its own way (privately, by reaction). */
export type RefusalReason = 'stopping' | 'invalid' | 'cooldown';

/** The outcome of the checks every question passes before the engine sees it. */
export type PreAnswer =
  | { readonly ok: true; readonly question: string }
  | { readonly ok: false; readonly reason: RefusalReason; readonly message: string };

/**
 * The checks shared by /ask, messages and follow-up buttons, in order: the bot is not shutting
 * down, the question is a question (cleaned, within the length limit), and the asker's cooldown is
 * over. Only a question that passes takes a cooldown slot.
 */
export async function checkBeforeAnswer(
  context: BotContext,
  userId: string,
  raw: string,
): Promise<PreAnswer> {
  if (context.isStopping()) return { ok: false, reason: 'stopping', message: STOPPING_MESSAGE };
  const checked = checkQuestion(raw, context.options.maxQuestionLength);
  if (!checked.ok) return { ok: false, reason: 'invalid', message: checked.message };
  const verdict = await context.shared.cooldowns.take(userId);
  if (!verdict.ok) return { ok: false, reason: 'cooldown', message: retryMessage(verdict.retryAt) };
  return { ok: true, question: checked.question };
}
