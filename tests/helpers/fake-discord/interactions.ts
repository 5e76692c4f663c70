import type { APIUser } from 'discord.js';
import { commandData, interactionBase, type InteractionPlace } from './interaction-payloads.js';
import type {
  InteractionHandle,
  InteractionState,
  ReplyState,
  WaitForReplyOptions,
} from './interaction-state.js';
import { toWire } from './messages.js';
import type { FakeState } from './state.js';
import type { CallbackRecord, CommandOption, Json, MessageRecord } from './types.js';

/** Input of {@link InteractionDriver.sendCommand}. */
export interface SendCommandInput {
  name: string;
  options?: CommandOption[];
  user: APIUser;
  /** In the test guild (default) or in the bot's DMs. */
  guild?: boolean;
  /** Guild channel to use (default: fake.channelId). Ignored for DMs. */
  channelId?: string;
  /**
   * Discord only lets members with a command's `default_member_permissions` use it, unless a server
   * admin granted it to others (Integrations settings): true simulates that override. Without it,
   * sending a command the member may not use throws, as the Discord client would not offer it.
   */
  permissionOverride?: boolean;
  /** The member's permissions in the guild, as Discord's bit-set string (default: an ordinary member's). */
  permissions?: string;
}

/** Input of {@link InteractionDriver.pressButton}. */
export interface PressButtonInput {
  customId: string;
  /** The bot's message carrying the button. */
  message: MessageRecord;
  user: APIUser;
  /** Defaults to where `message` lives. */
  guild?: boolean;
}

/** Sends interactions to the bot. */
export interface InteractionDriver {
  sendCommand(input: SendCommandInput): InteractionHandle;
  sendAutocomplete(input: SendCommandInput): InteractionHandle;
  pressButton(input: PressButtonInput): InteractionHandle;
}

function replyState(
  state: FakeState,
  st: InteractionState,
  options: WaitForReplyOptions,
): ReplyState | Error | undefined {
  const first = st.callbacks[0];
  if (!first) return undefined;
  const accepted = st.accepted;
  if (!accepted) {
    if (first.status === 0) return undefined;
    return new Error(
      `fake-discord: first callback for "${st.name}" was refused: ${first.status} ${first.error?.code} ${first.error?.message}`,
    );
  }
  const wantEdits = options.edits ?? (accepted.type === 5 || accepted.type === 6 ? 1 : 0);
  if (st.edits < wantEdits || st.followUps.length < (options.followUps ?? 0)) return undefined;
  const original = st.originalId ? state.world.messages.get(st.originalId) : undefined;
  return {
    callback: accepted,
    original,
    followUps: [...st.followUps],
    ...(st.choices ? { choices: st.choices } : {}),
    ...(st.modal ? { modal: st.modal } : {}),
  };
}

function hasCustomId(components: unknown, customId: string): boolean {
  if (!Array.isArray(components)) return false;
  return components.some((c: unknown) => {
    const node = (c ?? {}) as Json;
    return (
      node.custom_id === customId ||
      hasCustomId(node.components, customId) ||
      hasCustomId(node.accessory ? [node.accessory] : [], customId)
    );
  });
}

function createHandle(state: FakeState, st: InteractionState): InteractionHandle {
  const { waiters, options } = state;
  const ack = waiters.waitFor<CallbackRecord>(
    () => st.callbacks[0],
    `the first callback to interaction "${st.name}"`,
    options.ackDeadlineMs + options.waitTimeoutMs,
  );
  ack.catch(() => undefined);
  return {
    id: st.id,
    token: st.token,
    type: st.type,
    dispatchedAt: st.dispatchedAt,
    shard: st.shard,
    payload: st.payload,
    ack,
    callbacks: st.callbacks,
    get original() {
      return st.originalId ? state.world.messages.get(st.originalId) : undefined;
    },
    followUps: st.followUps,
    get edits() {
      return st.edits;
    },
    get choices() {
      return st.choices;
    },
    async waitForReply(opts = {}) {
      const what = `the reply to interaction "${st.name}" (edits ${opts.edits ?? 'default'}, follow-ups ${opts.followUps ?? 0})`;
      const result = await waiters.waitFor(() => replyState(state, st, opts), what, opts.timeoutMs);
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

function dispatch(
  state: FakeState,
  type: number,
  name: string,
  place: InteractionPlace,
  extra: Json,
): InteractionHandle {
  if (!state.gateway?.hasSession())
    throw new Error('fake-discord: no gateway session; await fake.waitForReady() first');
  const payload = { ...interactionBase(state, type, place), ...extra };
  const st: InteractionState = {
    id: String(payload.id),
    token: String(payload.token),
    type,
    name,
    payload,
    user: place.user,
    channelId: place.channelId,
    dispatchedAt: Date.now(),
    callbacks: [],
    expired: false,
    followUps: [],
    edits: 0,
  };
  state.interactions.set(st.token, st);
  // To the shard of the interaction's guild (shard 0 for DMs), as Discord routes it.
  const guildId = typeof payload.guild_id === 'string' ? payload.guild_id : undefined;
  st.shard = state.gateway.dispatch('INTERACTION_CREATE', payload, guildId);
  return createHandle(state, st);
}

const ADMINISTRATOR = 1n << 3n;

/** Throws when the member lacks the registered command's default_member_permissions. */
function checkMemberMayUse(state: FakeState, name: string, place: InteractionPlace): void {
  const command =
    state.commands.find((c) => c.name === name && c.guild_id === state.world.guildId) ??
    state.commands.find((c) => c.name === name && c.guild_id === undefined);
  const required = command?.default_member_permissions;
  if (typeof required !== 'string') return;
  const has = BigInt(place.permissions ?? state.world.permissionsOf(place.user.id));
  if ((has & ADMINISTRATOR) !== 0n || (has & BigInt(required)) === BigInt(required)) return;
  throw new Error(
    `fake-discord: /${name} needs permissions ${required}, which this member lacks (Discord would not offer it; pass permissionOverride to simulate a server override)`,
  );
}

/** Creates the interaction driver (INTERACTION_CREATE types 2, 3 and 4). */
export function createInteractionDriver(state: FakeState): InteractionDriver {
  const placeOf = (input: SendCommandInput): InteractionPlace => {
    const guild = input.guild ?? true;
    const channelId = guild
      ? (input.channelId ?? state.world.channelId)
      : state.world.dmChannelFor(input.user);
    return {
      user: input.user,
      guild,
      channelId,
      ...(input.permissions && { permissions: input.permissions }),
    };
  };
  return {
    sendCommand(input) {
      const place = placeOf(input);
      if (place.guild && !input.permissionOverride) checkMemberMayUse(state, input.name, place);
      return dispatch(state, 2, input.name, place, {
        data: commandData(state, input.name, input.options ?? [], place.guild, false),
      });
    },
    sendAutocomplete(input) {
      const place = placeOf(input);
      return dispatch(state, 4, input.name, place, {
        data: commandData(state, input.name, input.options ?? [], place.guild, true),
      });
    },
    pressButton(input) {
      if (!hasCustomId(input.message.components, input.customId)) {
        throw new Error(
          `fake-discord: message ${input.message.id} has no component with custom_id "${input.customId}"`,
        );
      }
      const channel = state.world.channels.get(input.message.channel_id);
      const guild = input.guild ?? (channel !== undefined && channel.type !== 1);
      const place = { user: input.user, guild, channelId: input.message.channel_id };
      const data = { custom_id: input.customId, component_type: 2 };
      return dispatch(state, 3, input.customId, place, { data, message: toWire(state, input.message) });
    },
  };
}
