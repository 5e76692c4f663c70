/** Answers being written, by stream id, so their Stop button can end them. Only the asker may. */
export interface Stops {
  register(streamId: string, askerId: string, controller: AbortController): void;
  release(streamId: string): void;
  /** `stopped`, `not-yours` (someone else pressed it) or `finished` (nothing to stop any more). */
  stop(streamId: string, userId: string): 'stopped' | 'not-yours' | 'finished';
}

export function createStops(): Stops {
  const running = new Map<string, { askerId: string; controller: AbortController }>();
  return {
    register: (streamId, askerId, controller) => void running.set(streamId, { askerId, controller }),
    release: (streamId) => void running.delete(streamId),
    stop(streamId, userId) {
      const entry = running.get(streamId);
      if (!entry) return 'finished';
      if (entry.askerId !== userId) return 'not-yours';
      entry.controller.abort();
      running.delete(streamId);
      return 'stopped';
    },
  };
}
