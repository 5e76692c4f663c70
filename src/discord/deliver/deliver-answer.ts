import type { Message } from 'discord.js';
import type { Answer, Turn } from '../../domain/types.js';
import type { ShownClaim } from '../../domain/types.js';
import type { Asker } from '../../storage/question-log.js';
import { streamAnswer } from './answer-stream.js';
import type { BotContext } from './context.js';
import { storiesIn } from './stories.js';
import { renderAnswer } from '../render/render-answer.js';
import { renderPartial, stoppedAnswer, type StopReason } from '../render/render-partial.js';
import { isGone } from './undeliverable.js';
import { runStream } from './stream-runner.js';
import type { Surface } from '../render/stream-surface.js';

/** One question on its way to the screen. */
export interface Delivery {
  readonly question: string;
  readonly history: readonly Turn[];
  readonly articleId?: string;
  /** The server asked in (`''` in a DM): only stories it may see are searched (`Question.audience`). */
  readonly audience: string;
  /** Who asked: only they may press Stop; the questions log tells a DM from a server by it. */
  readonly asker: Asker & { readonly userId: string };
  /** The conversation the question belongs to (what the reader was already told is kept per conversation). */
  readonly conversation?: string;
  /** Names the Stop button: the id of the question's message or interaction. */
  readonly streamId: string;
  readonly surface: Surface;
  /** Restate the question above the answer (others cannot see a command's input). */
  readonly restate: boolean;
  /**
   * The channel whose edit budget partial edits spend (Discord limits edits per channel), for
   * message replies: while another answer streams there, this one is shown once, when done.
   */
  readonly editBudget?: string;
  /** Told once the first part is on screen. */
  readonly onShown?: () => void;
}

/** Why an answer being written ended early: Stop, the bot shutting down, or its message gone. */
type EndedBy = StopReason | 'gone';

/**
 * Streams an answer onto a surface: verified claims as they come (edits at most once per 1.2 s,
 * with "writing…" and Stop), then one final edit with sources and buttons. An answerer that cannot
 * stream gives one edit at the end. Stop (or a shutdown that gave up waiting) ends the model call
 * and shows what was verified at once, without waiting for the engine; an answer whose message is
 * gone (deleted, its interaction expired) is abandoned: its model call ends, nothing more is sent.
 */
export async function deliverAnswer(
  context: BotContext,
  delivery: Delivery,
): Promise<{ readonly answer: Answer; readonly sent: readonly Message[] }> {
  const { question, surface, streamId } = delivery;
  // Aborted (with why) by Stop, by the shutdown, or when the answer's message is gone; the model call ends with it.
  const controller = new AbortController();
  const end = (why: EndedBy) => !controller.signal.aborted && controller.abort(why);
  const shutdown = () => end('shutdown');
  if (context.signal.aborted) shutdown();
  else context.signal.addEventListener('abort', shutdown, { once: true });
  context.stops.register(streamId, delivery.asker.userId, controller);
  const article =
    context.findArticle(delivery.articleId ?? '') ??
    storiesIn(context.articles, delivery.audience || null)[0];
  const restated = delivery.restate ? { question } : {};
  const budget = delivery.editBudget;
  const streams = budget === undefined || context.streamingChannels.claim(budget);
  const stopped = (claims: readonly ShownClaim[], why: StopReason) =>
    stoppedAnswer(
      question,
      claims,
      context.findArticle(claims[0]?.citations[0]?.articleId ?? '') ??
        article ?? { id: '', title: 'the story' },
      why,
    );
  try {
    const events = streamAnswer(
      context.answerer,
      {
        question,
        history: delivery.history,
        audience: delivery.audience,
        ...(delivery.articleId !== undefined ? { articleId: delivery.articleId } : {}),
        ...(context.options.k !== undefined ? { k: context.options.k } : {}),
      },
      {
        signal: controller.signal,
        asker: delivery.asker,
        ...(delivery.conversation !== undefined && { conversation: delivery.conversation }),
      },
    );
    const outcome = await runStream({
      events,
      surface,
      signal: controller.signal,
      ...(streams && {
        partial: (claims: readonly ShownClaim[]) =>
          renderPartial(claims, { ...restated, streamId, ...(article?.url ? { url: article.url } : {}) }),
      }),
      ...(delivery.onShown ? { onShown: delivery.onShown } : {}),
      onEditFailed: (error) => isGone(error) && end('gone'),
    }).catch((error: unknown) => {
      if (controller.signal.reason !== 'gone') throw error;
      return { kind: 'gone' as const };
    });
    if (outcome.kind === 'gone') {
      context.logger.info({ streamId }, 'answer abandoned: its message is gone');
      return { answer: stopped([], 'stop'), sent: [] };
    }
    const why = controller.signal.reason === 'shutdown' ? 'shutdown' : 'stop';
    const answer = outcome.kind === 'done' ? outcome.answer : stopped(outcome.claims, why);
    await surface.sync(renderAnswer(answer, { ...restated, findArticle: context.findArticle }));
    return { answer, sent: surface.sent };
  } finally {
    context.signal.removeEventListener('abort', shutdown);
    if (budget !== undefined && streams) context.streamingChannels.release(budget);
    context.stops.release(streamId);
  }
}
