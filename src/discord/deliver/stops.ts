/** Answers being written, by stream id, so their Stop button can end them. Only the asker may. */
export interface Stops {
  register(streamId: string, askerId: string, controller: AbortController): void;
  release(streamId: string): void;
  /** `stopped`, `not-yours` (someone else pressed it) or `finished` (nothing to stop any more). */
  stop(streamId: string, userId: string): 'stopped' | 'not-yours' | 'finished';
}

/** Channels with an answer streaming in: one at a time per channel, since edits there share one limit. */
export interface StreamingChannels {
  /** True (and held) when no other answer streams in the channel. */
  claim(channelId: string): boolean;
  release(channelId: string): void;
}

export function createStreamingChannels(): StreamingChannels {
  const busy = new Set<string>();
  return {
    claim: (channelId) => !busy.has(channelId) && Boolean(busy.add(channelId)),
    release: (channelId) => void busy.delete(channelId),
  };
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
      entry.controller.abort('stop');
      running.delete(streamId);
      return 'stopped';
    },
  };
}
