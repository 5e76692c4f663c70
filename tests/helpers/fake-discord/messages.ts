import type { APIEmbed, APIMessageTopLevelComponent, APIUser } from 'discord.js';
import { isoTimestamp } from './ids.js';
import type { UploadedFile } from './http-io.js';
import { INTENTS, type FakeState } from './state.js';
import type { Json, MessageRecord, MessageSource } from './types.js';
import { memberPayload } from './world.js';

/** EPHEMERAL and LOADING message flags. */
export const EPHEMERAL = 1 << 6;
export const LOADING = 1 << 7;
const FAKE_ONLY = new Set(['source', 'editCount', 'deleted', 'allowed_mentions', 'guild_id']);

/** Known users mentioned in `content` as <@id> or <@!id>. */
export function parseMentions(state: FakeState, content: string): APIUser[] {
  const ids = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? ''));
  return [...ids].flatMap((id) => state.world.users.get(id) ?? []);
}

/** A reply's message_reference as Discord stores it. */
export function referenceTo(
  state: FakeState,
  channelId: string,
  messageId: string,
): NonNullable<MessageRecord['message_reference']> {
  const guildId = state.world.guildOf(channelId);
  return {
    type: 0,
    channel_id: channelId,
    message_id: messageId,
    ...(guildId ? { guild_id: guildId } : {}),
  };
}

/** Attachment objects for uploaded files, matched to `attachments[].id` -> `files[id]` as Discord does. */
function attachmentsOf(state: FakeState, channelId: string, body: Json, files: UploadedFile[]): Json[] {
  const declared = Array.isArray(body.attachments) ? (body.attachments as Json[]) : [];
  return files.map((file, index) => {
    const meta = declared.find((a) => `files[${String(a.id)}]` === file.field) ?? declared[index] ?? {};
    const id = state.world.nextId();
    const filename = typeof meta.filename === 'string' ? meta.filename : file.name;
    const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    return {
      id,
      filename,
      size: file.size,
      url,
      proxy_url: url.replace('cdn.discordapp.com', 'media.discordapp.net'),
      ...(file.contentType ? { content_type: file.contentType } : {}),
      ...(typeof meta.description === 'string' ? { description: meta.description } : {}),
    };
  });
}

/** What a message looks like in a new message record. */
export interface MessageInit {
  channelId: string;
  author: APIUser;
  body: Json;
  files?: UploadedFile[];
  source: MessageSource;
  type?: number;
  extra?: Partial<MessageRecord>;
}

/** Stores a new message (bot- or user-sent) and returns its record. */
export function createMessage(state: FakeState, init: MessageInit): MessageRecord {
  const { world } = state;
  const channel = world.channels.get(init.channelId);
  const guildId = world.guildOf(init.channelId);
  const content = typeof init.body.content === 'string' ? init.body.content : '';
  const reference = init.body.message_reference as Json | undefined;
  const referencedId = typeof reference?.message_id === 'string' ? reference.message_id : undefined;
  const record: MessageRecord = {
    id: world.nextId(),
    channel_id: init.channelId,
    ...(guildId ? { guild_id: guildId } : {}),
    author: init.author,
    content,
    embeds: (init.body.embeds as APIEmbed[] | undefined) ?? [],
    components: (init.body.components as APIMessageTopLevelComponent[] | undefined) ?? [],
    flags: typeof init.body.flags === 'number' ? init.body.flags : 0,
    type: init.type ?? (referencedId ? 19 : 0),
    timestamp: isoTimestamp(),
    edited_timestamp: null,
    mentions: parseMentions(state, content),
    mention_roles: [],
    mention_everyone: false,
    attachments: attachmentsOf(state, init.channelId, init.body, init.files ?? []),
    pinned: false,
    tts: init.body.tts === true,
    ...(referencedId ? { message_reference: referenceTo(state, init.channelId, referencedId) } : {}),
    ...(init.body.allowed_mentions ? { allowed_mentions: init.body.allowed_mentions } : {}),
    source: init.source,
    editCount: 0,
    deleted: false,
    ...init.extra,
  };
  world.messages.set(record.id, record);
  if (channel) channel.lastMessageId = record.id;
  if (init.source !== 'user') state.messages.push(record);
  if (init.source !== 'user' && (record.flags & EPHEMERAL) === 0)
    emitMessage(state, 'MESSAGE_CREATE', record);
  state.waiters.notify();
  return record;
}

/** Applies a PATCH body (content, embeds, components, flags, allowed_mentions) to a message. */
export function applyEdit(state: FakeState, record: MessageRecord, body: Json): void {
  if ('content' in body) record.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body) record.embeds = (body.embeds as APIEmbed[] | null) ?? [];
  if ('components' in body)
    record.components = (body.components as APIMessageTopLevelComponent[] | null) ?? [];
  if (body.allowed_mentions) record.allowed_mentions = body.allowed_mentions;
  const keep = record.flags & EPHEMERAL;
  const requested = typeof body.flags === 'number' ? body.flags : record.flags;
  record.flags = (requested & ~LOADING & ~EPHEMERAL) | keep;
  record.mentions = parseMentions(state, record.content);
  record.edited_timestamp = isoTimestamp();
  record.editCount += 1;
  if ((record.flags & EPHEMERAL) === 0) emitMessage(state, 'MESSAGE_UPDATE', record);
  state.waiters.notify();
}

/** The message object as the REST API returns it (no fake-only fields, referenced message inlined). */
export function toWire(state: FakeState, record: MessageRecord, depth = 0): Json {
  const wire: Json = {};
  for (const [key, value] of Object.entries(record)) if (!FAKE_ONLY.has(key)) wire[key] = value;
  const refId = record.message_reference?.message_id;
  if (refId && depth === 0 && record.type === 19) {
    const referenced = state.world.messages.get(refId);
    wire.referenced_message = referenced && !referenced.deleted ? toWire(state, referenced, 1) : null;
  }
  return wire;
}

/** The gateway form: guild_id + member in guilds, channel_type in DMs, content hidden without the intent. */
export function gatewayMessage(state: FakeState, record: MessageRecord): Json {
  const { world } = state;
  const wire = toWire(state, record);
  const intents = state.gateway?.intents ?? 0;
  const botId = world.botUser.id;
  const mentionsBot = record.mentions.some((u) => u.id === botId);
  const visible =
    (intents & INTENTS.messageContent) !== 0 || !record.guild_id || mentionsBot || record.author.id === botId;
  if (!visible) Object.assign(wire, { content: '', embeds: [], components: [], attachments: [] });
  if (!record.guild_id) return { ...wire, channel_type: 1 };
  const withMember = (u: APIUser): Json => ({ ...u, member: memberPayload(world, u, false) });
  return {
    ...wire,
    guild_id: record.guild_id,
    member: memberPayload(world, record.author, false),
    mentions: record.mentions.map(withMember),
  };
}

/** Dispatches MESSAGE_CREATE/UPDATE when the bot subscribed to the channel kind. */
export function emitMessage(
  state: FakeState,
  type: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE',
  record: MessageRecord,
): void {
  const intent = record.guild_id ? INTENTS.guildMessages : INTENTS.directMessages;
  state.emit(type, gatewayMessage(state, record), intent);
}
