import { ApiError, unknownMessage, unknownWebhook } from './api-error.js';
import type { InteractionState } from './interaction-state.js';
import { checkMessageLimits, isEmptyMessage } from './limits.js';
import { LOADING, applyEdit, createMessage, toWire } from './messages.js';
import { interactionMetadata } from './routes-callback.js';
import type { Route, RouteContext, RouteResult } from './routes.js';
import type { FakeState } from './state.js';
import type { Json, MessageRecord } from './types.js';

const asJson = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const rules = (body: unknown): ReturnType<typeof checkMessageLimits> => checkMessageLimits(asJson(body));
const BASE = '/webhooks/{webhook_id}/{webhook_token}';

/** The interaction behind an interaction webhook, once it may be used (acknowledged, token not expired). */
function interactionOf(state: FakeState, ctx: RouteContext): InteractionState {
  const st = state.interactions.get(ctx.params.webhook_token ?? '');
  if (!st || ctx.params.webhook_id !== state.world.applicationId) throw unknownWebhook();
  if (ctx.at - st.dispatchedAt > state.options.tokenLifetimeMs)
    throw new ApiError(401, 50027, 'Invalid Webhook Token', 'interaction');
  if (!st.accepted || st.accepted.type === 8 || st.accepted.type === 9) throw unknownWebhook();
  return st;
}

function messageOf(state: FakeState, st: InteractionState, ctx: RouteContext): MessageRecord {
  const id = ctx.params.message_id ?? st.originalId;
  const ownsIt = id === st.originalId || st.followUps.some((m) => m.id === id);
  const message = id ? state.world.messages.get(id) : undefined;
  if (!message || !ownsIt || message.deleted) throw unknownMessage();
  return message;
}

function edit(state: FakeState, ctx: RouteContext): RouteResult {
  const st = interactionOf(state, ctx);
  const message = messageOf(state, st, ctx);
  const body = asJson(ctx.body);
  const after = {
    content: 'content' in body ? body.content : message.content,
    embeds: body.embeds ?? message.embeds,
    components: body.components ?? message.components,
  };
  if (isEmptyMessage(after, ctx.files.length))
    throw new ApiError(400, 50006, 'Cannot send an empty message', 'empty-message');
  applyEdit(state, message, body);
  if (message.id === st.originalId) st.edits += 1;
  return { status: 200, body: toWire(state, message) };
}

function remove(state: FakeState, ctx: RouteContext): RouteResult {
  const st = interactionOf(state, ctx);
  const message = messageOf(state, st, ctx);
  message.deleted = true;
  state.emit('MESSAGE_DELETE', {
    id: message.id,
    channel_id: message.channel_id,
    ...(message.guild_id ? { guild_id: message.guild_id } : {}),
  });
  state.waiters.notify();
  return { status: 204 };
}

function followUp(state: FakeState, ctx: RouteContext): RouteResult {
  const st = interactionOf(state, ctx);
  const body = asJson(ctx.body);
  if (isEmptyMessage(body, ctx.files.length))
    throw new ApiError(400, 50006, 'Cannot send an empty message', 'empty-message');
  const original = st.originalId ? state.world.messages.get(st.originalId) : undefined;
  // Discord quirk: the first follow-up after a deferred reply replaces the "thinking…" message (keeping its flags).
  if (st.accepted?.type === 5 && original && (original.flags & LOADING) !== 0) {
    const { flags: _ignored, ...rest } = body;
    applyEdit(state, original, rest);
    st.edits += 1;
    return { status: 200, body: toWire(state, original) };
  }
  const message = createMessage(state, {
    channelId: st.channelId,
    author: state.world.botUser,
    body,
    files: ctx.files,
    source: 'follow-up',
    type: st.type === 2 ? 20 : 0,
    extra: {
      webhook_id: state.world.applicationId,
      application_id: state.world.applicationId,
      interaction_metadata: interactionMetadata(st),
    },
  });
  st.followUps.push(message);
  state.waiters.notify();
  return { status: 200, body: toWire(state, message) };
}

/** Interaction webhook routes: @original get/edit/delete, follow-ups and their edits (no bot auth, as on Discord). */
export function webhookRoutes(state: FakeState): Route[] {
  const get = (ctx: RouteContext): RouteResult => ({
    status: 200,
    body: toWire(state, messageOf(state, interactionOf(state, ctx), ctx)),
  });
  return [
    { method: 'GET', template: `${BASE}/messages/@original`, auth: false, handle: get },
    {
      method: 'PATCH',
      template: `${BASE}/messages/@original`,
      auth: false,
      rules,
      handle: (ctx) => edit(state, ctx),
    },
    {
      method: 'DELETE',
      template: `${BASE}/messages/@original`,
      auth: false,
      handle: (ctx) => remove(state, ctx),
    },
    { method: 'GET', template: `${BASE}/messages/{message_id}`, auth: false, handle: get },
    {
      method: 'PATCH',
      template: `${BASE}/messages/{message_id}`,
      auth: false,
      rules,
      handle: (ctx) => edit(state, ctx),
    },
    {
      method: 'DELETE',
      template: `${BASE}/messages/{message_id}`,
      auth: false,
      handle: (ctx) => remove(state, ctx),
    },
    { method: 'POST', template: BASE, auth: false, rules, handle: (ctx) => followUp(state, ctx) },
  ];
}
