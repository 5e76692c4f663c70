import { ApiError, invalidFormBody, type BodyIssue } from './api-error.js';
import { ALLOWED_CALLBACKS, type InteractionState } from './interaction-state.js';
import { checkAutocompleteChoices, checkMessageLimits, isEmptyMessage } from './limits.js';
import { EPHEMERAL, LOADING, applyEdit, createMessage, toWire } from './messages.js';
import type { Route, RouteContext } from './routes.js';
import type { FakeState } from './state.js';
import type { CallbackRecord, Json } from './types.js';

const asJson = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
/** A JSON scalar as text; anything else (an object, an array) as the fallback. */
const asText = (v: unknown, fallback = ''): string =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : fallback;
const unknownInteraction = (): ApiError => new ApiError(404, 10062, 'Unknown interaction', 'interaction');

function callbackRules(body: unknown): BodyIssue[] {
  const { type, data } = asJson(body);
  const prefixed = (issues: BodyIssue[]): BodyIssue[] =>
    issues.map((i) => ({ ...i, path: ['data', ...i.path] }));
  if (type === 4 || type === 7) return prefixed(checkMessageLimits(asJson(data)));
  if (type === 8) return checkAutocompleteChoices(asJson(data));
  return [];
}

/** Who the reply message says it answers (Discord's `interaction_metadata`). */
export function interactionMetadata(st: InteractionState): Json {
  return {
    id: st.id,
    type: st.type,
    user: st.user,
    authorizing_integration_owners: st.payload.authorizing_integration_owners,
    ...(st.type === 2 ? { name: st.name, command_type: 1 } : {}),
    ...(st.type === 3 ? { interacted_message_id: asJson(st.payload.message).id } : {}),
    ...(st.originalId && st.accepted ? { original_response_message_id: st.originalId } : {}),
  };
}

function createReply(state: FakeState, st: InteractionState, body: Json): string {
  const message = createMessage(state, {
    channelId: st.channelId,
    author: state.world.botUser,
    body,
    source: 'interaction-original',
    type: st.type === 2 ? 20 : 0,
    extra: {
      webhook_id: state.world.applicationId,
      application_id: state.world.applicationId,
      interaction_metadata: interactionMetadata(st),
    },
  });
  return message.id;
}

function applyCallback(state: FakeState, st: InteractionState, type: number, data: Json): void {
  const componentMessageId = asText(asJson(st.payload.message).id);
  if (type === 4) {
    if (isEmptyMessage(data, 0))
      throw new ApiError(400, 50006, 'Cannot send an empty message', 'empty-message');
    st.originalId = createReply(state, st, data);
  } else if (type === 5) {
    st.originalId = createReply(state, st, {
      content: '',
      flags: LOADING | (Number(data.flags ?? 0) & EPHEMERAL),
    });
  } else if (type === 6 || type === 7) {
    const message = state.world.messages.get(componentMessageId);
    if (!message) throw new ApiError(404, 10008, 'Unknown Message', 'unknown-resource');
    st.originalId = message.id;
    if (type === 7) applyEdit(state, message, data);
  } else if (type === 8) {
    st.choices = Array.isArray(data.choices) ? (data.choices as Json[]) : [];
  } else if (type === 9) {
    st.modal = data;
  }
}

function callbackResponse(state: FakeState, st: InteractionState, type: number): Json {
  const original = st.originalId ? state.world.messages.get(st.originalId) : undefined;
  return {
    interaction: {
      id: st.id,
      type: st.type,
      ...(original
        ? {
            response_message_id: original.id,
            response_message_loading: type === 5,
            response_message_ephemeral: (original.flags & EPHEMERAL) !== 0,
          }
        : {}),
    },
    resource: { type, ...(original && type !== 5 && type !== 6 ? { message: toWire(state, original) } : {}) },
  };
}

/** POST /interactions/{id}/{token}/callback: deadline, double-ack and callback-type rules. */
export function callbackRoute(state: FakeState): Route {
  const find = (ctx: RouteContext): InteractionState | undefined => {
    const st = state.interactions.get(ctx.params.interaction_token ?? '');
    return st && st.id === ctx.params.interaction_id ? st : undefined;
  };
  const record = (ctx: RouteContext, status: number, error?: ApiError): CallbackRecord | undefined => {
    const st = find(ctx);
    if (!st) return undefined;
    const body = asJson(ctx.body);
    const entry: CallbackRecord = {
      type: Number(body.type),
      data: body.data ? asJson(body.data) : undefined,
      at: ctx.at,
      status,
    };
    if (error) entry.error = { code: error.code, message: error.message };
    st.callbacks.push(entry);
    return entry;
  };
  return {
    method: 'POST',
    template: '/interactions/{interaction_id}/{interaction_token}/callback',
    auth: false,
    rules: callbackRules,
    onRejected: (ctx, error) => void record(ctx, error.status, error),
    handle(ctx) {
      const st = find(ctx);
      if (!st || st.expired) throw unknownInteraction();
      if (ctx.at - st.dispatchedAt > state.options.ackDeadlineMs) {
        st.expired = !st.accepted;
        if (!st.accepted) throw unknownInteraction();
      }
      if (st.accepted)
        throw new ApiError(400, 40060, 'Interaction has already been acknowledged.', 'interaction');
      const { type, data } = asJson(ctx.body);
      if (typeof type !== 'number' || !(ALLOWED_CALLBACKS[st.type] ?? []).includes(type)) {
        const issue = {
          path: ['type'],
          code: 'INTERACTION_RESPONSE_TYPE_INVALID',
          message: `Callback type ${String(type)} is not valid for interaction type ${st.type}`,
        };
        throw invalidFormBody([issue], 'interaction');
      }
      applyCallback(state, st, type, asJson(data));
      const withResponse = ctx.query.get('with_response') === 'true';
      st.accepted = record(ctx, withResponse ? 200 : 204);
      return withResponse ? { status: 200, body: callbackResponse(state, st, type) } : { status: 204 };
    },
  };
}
