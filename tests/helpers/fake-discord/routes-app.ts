import { ApiError, type BodyIssue } from './api-error.js';
import type { Route, RouteContext, RouteResult } from './routes.js';
import type { FakeState } from './state.js';
import type { Json } from './types.js';
import { applicationPayload } from './world-payloads.js';

const asJson = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
/** A JSON scalar as text; anything else (an object, an array) as the fallback. */
const asText = (v: unknown, fallback = ''): string =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : fallback;
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Registration rules the spec leaves out: lowercase names, required options first, unique names. */
function commandRules(body: unknown): BodyIssue[] {
  const issues: BodyIssue[] = [];
  const commands = Array.isArray(body) ? body : [body];
  const seen = new Set<string>();
  commands.forEach((raw, i) => {
    const command = asJson(raw);
    const at = (...rest: string[]): string[] => (Array.isArray(body) ? [String(i), ...rest] : rest);
    const name = asText(command.name);
    const slash = (command.type ?? 1) === 1;
    if (slash && (!NAME.test(name) || name !== name.toLowerCase())) {
      issues.push({
        path: at('name'),
        code: 'APPLICATION_COMMAND_INVALID_NAME',
        message: 'Command name is invalid',
      });
    }
    if (seen.has(`${asText(command.type, '1')}:${name}`))
      issues.push({
        path: at('name'),
        code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
        message: 'Application command names must be unique',
      });
    seen.add(`${asText(command.type, '1')}:${name}`);
    const options = Array.isArray(command.options) ? command.options.map(asJson) : [];
    const firstOptional = options.findIndex((o) => o.required !== true);
    options.forEach((option, j) => {
      if (option.required === true && firstOptional !== -1 && j > firstOptional) {
        issues.push({
          path: at('options', String(j), 'required'),
          code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          message: 'Required options must be placed before non-required options',
        });
      }
      if (typeof option.name === 'string' && option.name !== option.name.toLowerCase()) {
        issues.push({
          path: at('options', String(j), 'name'),
          code: 'APPLICATION_COMMAND_INVALID_NAME',
          message: 'Command name is invalid',
        });
      }
    });
  });
  return issues;
}

function scopeOf(state: FakeState, ctx: RouteContext): string | undefined {
  if (ctx.params.application_id !== state.world.applicationId)
    throw new ApiError(403, 50001, 'Missing Access', 'forbidden');
  const guildId = ctx.params.guild_id;
  if (guildId !== undefined && guildId !== state.world.guildId)
    throw new ApiError(403, 50001, 'Missing Access', 'forbidden');
  return guildId;
}

function storeCommand(state: FakeState, raw: unknown, guildId: string | undefined, previous: Json[]): Json {
  const body = asJson(raw);
  const type = typeof body.type === 'number' ? body.type : 1;
  const existing = previous.find((c) => c.name === body.name && c.type === type);
  return {
    id: existing?.id ?? state.world.nextId(),
    application_id: state.world.applicationId,
    version: state.world.nextId(),
    default_member_permissions: null,
    type,
    name_localizations: null,
    description: '',
    description_localizations: null,
    nsfw: false,
    integration_types: [0],
    contexts: null,
    ...body,
    ...(guildId ? { guild_id: guildId } : {}),
  };
}

function commandRoutes(state: FakeState, template: string): Route[] {
  const inScope = (guildId: string | undefined): Json[] =>
    state.commands.filter((c) => c.guild_id === guildId);
  const put = (ctx: RouteContext): RouteResult => {
    const guildId = scopeOf(state, ctx);
    const previous = inScope(guildId);
    const next = (Array.isArray(ctx.body) ? ctx.body : []).map((c: unknown) =>
      storeCommand(state, c, guildId, previous),
    );
    state.commands = [...state.commands.filter((c) => c.guild_id !== guildId), ...next];
    return { status: 200, body: next };
  };
  const post = (ctx: RouteContext): RouteResult => {
    const guildId = scopeOf(state, ctx);
    const command = storeCommand(state, ctx.body, guildId, inScope(guildId));
    state.commands = [...state.commands.filter((c) => c.id !== command.id), command];
    return { status: 201, body: command };
  };
  return [
    {
      method: 'GET',
      template,
      auth: true,
      handle: (ctx) => ({ status: 200, body: inScope(scopeOf(state, ctx)) }),
    },
    { method: 'PUT', template, auth: true, rules: commandRules, handle: put },
    { method: 'POST', template, auth: true, rules: commandRules, handle: post },
  ];
}

/** Gateway discovery, the bot's own user/application, and command registration. */
export function appRoutes(state: FakeState, gatewayUrl: string, recommendedShards = 1): Route[] {
  const { world } = state;
  const gatewayBot = {
    url: gatewayUrl,
    shards: recommendedShards,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
  };
  return [
    {
      method: 'GET',
      template: '/gateway',
      auth: false,
      handle: () => ({ status: 200, body: { url: gatewayUrl } }),
    },
    {
      method: 'GET',
      template: '/gateway/bot',
      auth: true,
      handle: () => ({ status: 200, body: gatewayBot }),
    },
    {
      method: 'GET',
      template: '/users/@me',
      auth: true,
      handle: () => ({ status: 200, body: world.botUser }),
    },
    {
      method: 'GET',
      template: '/applications/@me',
      auth: true,
      handle: () => ({ status: 200, body: applicationPayload(world) }),
    },
    {
      method: 'GET',
      template: '/users/{user_id}',
      auth: true,
      handle(ctx) {
        const user = world.users.get(ctx.params.user_id ?? '');
        if (!user) throw new ApiError(404, 10013, 'Unknown User', 'unknown-resource');
        return { status: 200, body: user };
      },
    },
    ...commandRoutes(state, '/applications/{application_id}/commands'),
    ...commandRoutes(state, '/applications/{application_id}/guilds/{guild_id}/commands'),
  ];
}
