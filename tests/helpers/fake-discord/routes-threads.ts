import { ApiError, unknownChannel, unknownMessage } from './api-error.js';
import { isoTimestamp } from './ids.js';
import type { Route, RouteContext, RouteResult } from './routes.js';
import { INTENTS, type FakeState } from './state.js';
import type { Json } from './types.js';
import { channelPayload, type ChannelInfo } from './world.js';

/** Discord's accepted auto_archive_duration values (minutes). */
const ARCHIVE_DURATIONS = [60, 1440, 4320, 10080];
/** Message flag: a thread was started from this message. */
const HAS_THREAD = 1 << 5;

const asJson = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

/**
 * POST /channels/{channel_id}/messages/{message_id}/threads: a public thread on a message, as
 * Discord makes it: the thread's id is the message's, one thread per message (160004), text
 * channels only, THREAD_CREATE dispatched (newly_created) and the starter flagged HAS_THREAD.
 */
function startThread(state: FakeState, ctx: RouteContext): RouteResult {
  const { world } = state;
  const parent = world.channels.get(ctx.params.channel_id ?? '');
  if (!parent) throw unknownChannel();
  const message = world.messages.get(ctx.params.message_id ?? '');
  if (!message || message.deleted || message.channel_id !== parent.id) throw unknownMessage();
  if (parent.type !== 0)
    throw new ApiError(400, 50024, 'Cannot execute action on this channel type', 'forbidden');
  if (world.channels.has(message.id))
    throw new ApiError(400, 160004, 'A thread has already been created for this message', 'forbidden');
  const body = asJson(ctx.body);
  const duration = typeof body.auto_archive_duration === 'number' ? body.auto_archive_duration : 4320;
  if (!ARCHIVE_DURATIONS.includes(duration)) {
    const errors = {
      auto_archive_duration: {
        _errors: [{ code: 'BASE_TYPE_CHOICES', message: 'Value must be one of (60, 1440, 4320, 10080).' }],
      },
    };
    throw new ApiError(400, 50035, 'Invalid Form Body', 'schema', errors);
  }
  const thread: ChannelInfo = {
    id: message.id,
    type: 11,
    name: typeof body.name === 'string' ? body.name : '',
    lastMessageId: null,
    thread: {
      parentId: parent.id,
      ownerId: world.botUser.id,
      autoArchiveDuration: duration,
      createdAt: isoTimestamp(),
      messageCount: 0,
    },
  };
  world.channels.set(thread.id, thread);
  message.flags |= HAS_THREAD;
  const payload = channelPayload(world, thread);
  state.emit('THREAD_CREATE', { ...payload, newly_created: true }, INTENTS.guilds);
  state.waiters.notify();
  return { status: 201, body: payload };
}

/** Thread routes (bot auth). */
export function threadRoutes(state: FakeState): Route[] {
  return [
    {
      method: 'POST',
      template: '/channels/{channel_id}/messages/{message_id}/threads',
      auth: true,
      rules: (body) => {
        const name = asJson(body).name;
        return typeof name === 'string' && name.length >= 1 && name.length <= 100
          ? []
          : [
              {
                path: ['name'],
                code: 'BASE_TYPE_BAD_LENGTH',
                message: 'Must be between 1 and 100 in length.',
              },
            ];
      },
      handle: (ctx) => startThread(state, ctx),
    },
  ];
}

/** The threads the bot opened, in order. */
export function threadsOf(state: FakeState): ChannelInfo[] {
  return [...state.world.channels.values()].filter((channel) => channel.type === 11);
}
