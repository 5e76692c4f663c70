import type { Message } from 'discord.js';
import type { Answer, Turn } from '../../domain/types.js';
import { streamAnswer, type StreamedClaim } from './answer-stream.js';
import type { BotContext } from '../runtime/context.js';
import { renderAnswer } from '../render/render-answer.js';
import { renderPartial, stoppedAnswer } from '../render/render-partial.js';
import { runStream } from './stream-runner.js';
import type { Surface } from '../render/stream-surface.js';

/** One question on its way to the screen. */
export interface Delivery {
  readonly question: string;
  readonly history: readonly Turn[];
  readonly articleId?: string;
  /** Who asked: only they may press Stop. */
  readonly askerId: string;
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

/**
 * Streams an answer onto a surface: verified claims as they come (edits at most once per 1.2 s,
 * with "writing…" and Stop), then one final edit with sources and buttons. An answerer that cannot
 * stream gives one edit at the end. Stop keeps what was verified and ends the model call.
 */
export async function deliverAnswer(
  context: BotContext,
  delivery: Delivery,
): Promise<{ readonly answer: Answer; readonly sent: readonly Message[] }> {
  const { question, surface, streamId } = delivery;
  const controller = new AbortController();
  // The model call ends on Stop, or when shutting down gives up waiting (its fallback still goes out).
  const model = new AbortController();
  const cancelModel = () => model.abort();
  controller.signal.addEventListener('abort', cancelModel, { once: true });
  if (context.signal.aborted) model.abort();
  else context.signal.addEventListener('abort', cancelModel, { once: true });
  context.stops.register(streamId, delivery.askerId, controller);
  const article = context.findArticle(delivery.articleId ?? '') ?? context.articles[0];
  const restated = delivery.restate ? { question } : {};
  const budget = delivery.editBudget;
  const streams = budget === undefined || context.streamingChannels.claim(budget);
  try {
    const events = streamAnswer(
      context.answerer,
      {
        question,
        history: delivery.history,
        ...(delivery.articleId !== undefined ? { articleId: delivery.articleId } : {}),
        ...(context.options.k !== undefined ? { k: context.options.k } : {}),
      },
      { signal: model.signal },
    );
    const outcome = await runStream({
      events,
      surface,
      signal: controller.signal,
      ...(streams && {
        partial: (claims: readonly StreamedClaim[]) =>
          renderPartial(claims, { ...restated, streamId, ...(article?.url ? { url: article.url } : {}) }),
      }),
      ...(delivery.onShown ? { onShown: delivery.onShown } : {}),
    });
    const answer =
      outcome.kind === 'done'
        ? outcome.answer
        : stoppedAnswer(
            question,
            outcome.claims,
            context.findArticle(outcome.claims[0]?.citations[0]?.articleId ?? '') ??
              article ?? { id: '', title: 'the story' },
          );
    await surface.sync(renderAnswer(answer, { ...restated, findArticle: context.findArticle }));
    return { answer, sent: surface.sent };
  } finally {
    context.signal.removeEventListener('abort', cancelModel);
    if (budget !== undefined && streams) context.streamingChannels.release(budget);
    context.stops.release(streamId);
  }
}
