import type { OpenAI } from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { ChatRequest, ChatResult, ChatStreamChunk } from '../domain/ports.js';
import type { Usage } from '../domain/types.js';
import { readCompletion, readReply, usageOf, type CompletionReading } from './llm-completion.js';
import { logFailure, toUserFacingError, type LlmFailure } from './llm-errors.js';
import { NO_SERVER_ERROR_RETRY_HEADER } from './llm-fetch.js';
import { buildChatBody, promptText, type ChatSettings } from './llm-request.js';
import type { RequestShape } from './llm-request-shape.js';
import { noteReplyFormat, sendShaped, type ShapedSendDeps } from './shaped-send.js';
import { createSpendMeter, type CountTokens } from './spent-tokens.js';
import { chunksOf, describeStreamError, newRelayed, relay, streamRefusal } from './stream-parts.js';

export interface ChatStreamerOptions {
  readonly sdk: OpenAI;
  readonly deps: ShapedSendDeps;
  readonly settings: ChatSettings;
  readonly options: {
    readonly timeoutMs: number;
    readonly onUsage?: (usage: Usage) => void;
    /** Counts what a stream without the server's usage spent (estimated without one). */
    readonly countTokens?: CountTokens;
  };
  /** The whole-reply call, for servers that cannot stream. */
  readonly chat: (request: ChatRequest) => Promise<ChatResult>;
}

/**
 * Creates `LlmClient.stream`: the reply as text deltas, then `done` with the usage. The request
 * shape is learnt as for `chat`. A server that refuses `stream: true`, or answers it with a plain
 * JSON body, gets whole replies from then on (remembered per server). Between chunks the server
 * has `timeoutMs` to send the next one; aborting `request.signal` or leaving the loop early stops
 * the HTTP request. Failures, also mid-stream, are logged once and thrown as `UserFacingError`s.
 * However a stream ends (done, failed, cancelled, left early), its tokens are told once to
 * `onUsage` and `request.onUsage`: the server's usage when it sent it, else counted from the
 * prompt and what was received.
 */
export function createChatStreamer(streamer: ChatStreamerOptions) {
  const { sdk, deps, settings, options } = streamer;
  const { state, logger, model } = deps;

  function fail(failure: LlmFailure, shape: RequestShape, tries: number): never {
    logFailure(logger, failure, deps.context(shape, tries));
    throw toUserFacingError(failure);
  }

  function stopStreaming(why: string): void {
    state.streaming = 'no';
    logger.warn({ event: 'llm_adapt', model, change: { kind: 'stream', to: false }, why }, 'no streaming');
  }

  /** Opens the stream; `undefined` when the server refuses to stream at all. */
  async function open(
    request: ChatRequest,
    shape: RequestShape,
    noServerErrorRetry: boolean,
    signal: AbortSignal,
  ) {
    for (;;) {
      const body = buildChatBody(request, shape, settings);
      const prompt = promptText(body);
      try {
        return await sdk.chat.completions
          .create(
            { ...body, stream: true, ...(state.streamUsage && { stream_options: { include_usage: true } }) },
            { signal, ...(noServerErrorRetry && { headers: { [NO_SERVER_ERROR_RETRY_HEADER]: '1' } }) },
          )
          .withResponse()
          .then((opened) => ({ ...opened, prompt }));
      } catch (error) {
        const refused = streamRefusal(error);
        if (refused === 'usage' && state.streamUsage) state.streamUsage = false;
        else if (refused === 'stream') return undefined;
        else throw error;
      }
    }
  }

  /** Checks the reply; a streamed one only needs its `done`, a whole one its text too. */
  function* finish(
    reading: CompletionReading,
    shape: RequestShape,
    tries: number,
    streamed: boolean,
  ): Generator<ChatStreamChunk, void> {
    if (!reading.ok) fail(reading.failure, shape, tries);
    const formatIgnored = noteReplyFormat(deps, shape, reading.content);
    yield* chunksOf({ ...reading, format: shape.format, formatIgnored }, streamed);
  }

  return async function* stream(request: ChatRequest): AsyncGenerator<ChatStreamChunk> {
    if (state.streaming === 'no') return yield* chunksOf(await streamer.chat(request));
    const meter = createSpendMeter(
      { client: options.onUsage, request: request.onUsage },
      options.countTokens,
    );
    const parts = newRelayed();
    let prompt: string | undefined;
    const abort = new AbortController();
    const onAbort = () => abort.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) abort.abort();
    try {
      const {
        value: opened,
        shape,
        tries,
      } = await sendShaped(deps, (tryShape, flags) =>
        open(request, tryShape, flags.noServerErrorRetry, abort.signal),
      );
      if (!opened) {
        stopStreaming('refused');
        // The whole-reply call tells its own tokens.
        meter.handOver();
        return yield* chunksOf(await streamer.chat(request));
      }
      prompt = opened.prompt;
      if (!/text\/event-stream/i.test(opened.response.headers.get('content-type') ?? 'text/event-stream')) {
        stopStreaming('answered without streaming');
        let completion: ChatCompletion;
        try {
          completion = (await opened.response.json()) as ChatCompletion;
        } catch (error) {
          fail(describeStreamError(error, deps), shape, tries);
        }
        meter.told(usageOf(completion.usage));
        return yield* finish(readCompletion(completion, request), shape, tries, false);
      }
      state.streaming = 'yes';
      yield* relay(opened.data, abort, options.timeoutMs, parts);
      if (parts.timedOut) fail({ code: 'llm_timeout', detail: 'no chunk within the timeout' }, shape, tries);
      if (request.signal?.aborted) fail({ code: 'llm_cancelled', detail: 'stream cancelled' }, shape, tries);
      if (parts.error !== undefined) fail(describeStreamError(parts.error, deps), shape, tries);
      if (parts.usageSent) meter.told(parts.usage);
      if (!parts.finishReason)
        fail({ code: 'llm_unreachable', status: 200, detail: 'stream ended without a finish' }, shape, tries);
      const reading = readReply({ ...parts, requestId: opened.request_id ?? undefined }, request);
      yield* finish(reading, shape, tries, true);
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
      abort.abort();
      // Cut off, cancelled, left early, or a server that sends no usage: counted from what passed.
      meter.count(prompt, parts.content + parts.refusal);
    }
  };
}
