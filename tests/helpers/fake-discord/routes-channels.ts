import { ApiError, unknownChannel, unknownMessage } from './api-error.js';
import { checkMessageLimits, isEmptyMessage } from './limits.js';
import { applyEdit, createMessage, toWire } from './messages.js';
import type { Route, RouteContext, RouteResult } from './routes.js';
import type { FakeState } from './state.js';
import type { Json, MessageRecord } from './types.js';
import { channelPayload, type ChannelInfo } from './world.js';

const asJson = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
/** A JSON scalar as text; anything else (an object, an array) as the fallback. */
const asText = (v: unknown, fallback = ''): string =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : fallback;
const rules = (body: unknown): ReturnType<typeof checkMessageLimits> => checkMessageLimits(asJson(body));
const emptyMessage = (): ApiError =>
  new ApiError(400, 50006, 'Cannot send an empty message', 'empty-message');

function channelOf(state: FakeState, ctx: RouteContext): ChannelInfo {
  const channel = state.world.channels.get(ctx.params.channel_id ?? '');
  if (!channel) throw unknownChannel();
  return channel;
}

function messageIn(state: FakeState, ctx: RouteContext): MessageRecord {
  const channel = channelOf(state, ctx);
  const message = state.world.messages.get(ctx.params.message_id ?? '');
  if (message?.channel_id !== channel.id || message.deleted) throw unknownMessage();
  return message;
}

function checkReference(state: FakeState, channel: ChannelInfo, body: Json): void {
  const reference = body.message_reference ? asJson(body.message_reference) : undefined;
  if (typeof reference?.message_id !== 'string') return;
  const target = state.world.messages.get(reference.message_id);
  const sameChannel = target && !target.deleted && target.channel_id === (reference.channel_id ?? channel.id);
  if (sameChannel || reference.fail_if_not_exists === false) return;
  const errors = {
    message_reference: {
      _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }],
    },
  };
  throw new ApiError(400, 50035, 'Invalid Form Body', 'unknown-resource', errors);
}

function postMessage(state: FakeState, ctx: RouteContext): RouteResult {
  const channel = channelOf(state, ctx);
  const body = asJson(ctx.body);
  if (channel.type === 1 && state.blockedDmUsers.has(channel.recipientId ?? '')) {
    throw new ApiError(403, 50007, 'Cannot send messages to this user');
  }
  if (isEmptyMessage(body, ctx.files.length)) throw emptyMessage();
  checkReference(state, channel, body);
  const message = createMessage(state, {
    channelId: channel.id,
    author: state.world.botUser,
    body,
    files: ctx.files,
    source: 'channel',
  });
  return { status: 200, body: toWire(state, message) };
}

function patchMessage(state: FakeState, ctx: RouteContext): RouteResult {
  const message = messageIn(state, ctx);
  if (message.author.id !== state.world.botUser.id) {
    throw new ApiError(403, 50005, 'Cannot edit a message authored by another user', 'forbidden');
  }
  const body = asJson(ctx.body);
  const after = {
    content: 'content' in body ? body.content : message.content,
    embeds: body.embeds ?? message.embeds,
    components: body.components ?? message.components,
  };
  if (isEmptyMessage(after, ctx.files.length)) throw emptyMessage();
  applyEdit(state, message, body);
  return { status: 200, body: toWire(state, message) };
}

function deleteMessage(state: FakeState, ctx: RouteContext): RouteResult {
  const message = messageIn(state, ctx);
  if (message.author.id !== state.world.botUser.id)
    throw new ApiError(403, 50013, 'Missing Permissions', 'forbidden');
  message.deleted = true;
  state.emit('MESSAGE_DELETE', {
    id: message.id,
    channel_id: message.channel_id,
    ...(message.guild_id ? { guild_id: message.guild_id } : {}),
  });
  state.waiters.notify();
  return { status: 204 };
}

/** GET /channels/{id}/messages: newest first, honouring limit/before/after. */
function listMessages(state: FakeState, ctx: RouteContext): RouteResult {
  const channel = channelOf(state, ctx);
  const limit = Math.min(Math.max(Number(ctx.query.get('limit') ?? 50), 1), 100);
  const before = ctx.query.get('before');
  const after = ctx.query.get('after');
  const inRange = (m: MessageRecord): boolean =>
    (!before || BigInt(m.id) < BigInt(before)) && (!after || BigInt(m.id) > BigInt(after));
  const list = [...state.world.messages.values()].filter(
    (m) => m.channel_id === channel.id && !m.deleted && inRange(m),
  );
  return {
    status: 200,
    body: list
      .reverse()
      .slice(0, limit)
      .map((m) => toWire(state, m)),
  };
}

function createDm(state: FakeState, ctx: RouteContext): RouteResult {
  const recipient = asText(asJson(ctx.body).recipient_id);
  if (!state.world.users.has(recipient) || recipient === state.world.botUser.id)
    throw new ApiError(400, 50007, 'Cannot send messages to this user', 'unknown-resource');
  const channel = state.world.channels.get(state.world.dmChannelFor(recipient));
  if (!channel) throw unknownChannel();
  return { status: 200, body: channelPayload(state.world, channel) };
}

/** Channel, message, typing and DM routes (bot auth). */
export function channelRoutes(state: FakeState): Route[] {
  const messages = '/channels/{channel_id}/messages';
  return [
    {
      method: 'GET',
      template: '/channels/{channel_id}',
      auth: true,
      handle: (ctx) => ({ status: 200, body: channelPayload(state.world, channelOf(state, ctx)) }),
    },
    { method: 'GET', template: messages, auth: true, handle: (ctx) => listMessages(state, ctx) },
    { method: 'POST', template: messages, auth: true, rules, handle: (ctx) => postMessage(state, ctx) },
    {
      method: 'GET',
      template: `${messages}/{message_id}`,
      auth: true,
      handle: (ctx) => ({ status: 200, body: toWire(state, messageIn(state, ctx)) }),
    },
    {
      method: 'PATCH',
      template: `${messages}/{message_id}`,
      auth: true,
      rules,
      handle: (ctx) => patchMessage(state, ctx),
    },
    {
      method: 'DELETE',
      template: `${messages}/{message_id}`,
      auth: true,
      handle: (ctx) => deleteMessage(state, ctx),
    },
    {
      method: 'POST',
      template: '/channels/{channel_id}/typing',
      auth: true,
      handle(ctx) {
        state.typing.push({ channelId: channelOf(state, ctx).id, at: ctx.at });
        return { status: 204 };
      },
    },
    { method: 'POST', template: '/users/@me/channels', auth: true, handle: (ctx) => createDm(state, ctx) },
  ];
}
