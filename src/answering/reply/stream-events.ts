import type { Answer, AnswerEvent, ShownClaim } from '../../domain/types.js';

/**
 * Turns an answer that reports its claims as they are checked (`emit`) into the stream of events
 * front ends consume: each claim as soon as it is emitted, then 'done' with the whole answer. A
 * failure of the answer is thrown from the iteration, after the claims already emitted.
 */
export async function* streamEvents(
  run: (emit: (claim: ShownClaim) => void) => Promise<Answer>,
): AsyncGenerator<AnswerEvent> {
  const pending: ShownClaim[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const result = run((claim) => {
    pending.push(claim);
    wake?.();
  });
  // Settled either way; the outcome itself is awaited below.
  result.then(
    () => ((finished = true), wake?.()),
    () => ((finished = true), wake?.()),
  );
  for (;;) {
    for (let claim = pending.shift(); claim; claim = pending.shift()) yield { type: 'claim', claim };
    if (finished) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
  yield { type: 'done', answer: await result };
}
