import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, invalidFormBody } from './api-error.js';
import type { Faults } from './faults.js';
import { parseBody, rateLimitHeaders, readBody, writeResult } from './http-io.js';
import { validateRequestBody } from './openapi-validator.js';
import { findRoute, templateOf, type Route, type RouteContext, type RouteResult } from './routes.js';
import type { FakeState } from './state.js';

const API_PREFIX = '/api/v10';

function checkBody(route: Route, ctx: RouteContext): void {
  const schemaIssues = validateRequestBody(ctx.method, route.template, ctx.body);
  const limitIssues = ctx.body === undefined ? [] : (route.rules?.(ctx.body, ctx.files.length) ?? []);
  if (schemaIssues.length + limitIssues.length === 0) return;
  throw invalidFormBody([...schemaIssues, ...limitIssues], schemaIssues.length > 0 ? 'schema' : 'limit');
}

function run(
  state: FakeState,
  routes: Route[],
  faults: Faults,
  ctx: RouteContext,
  auth: string | undefined,
): RouteResult {
  const fault = faults.take(ctx.method, ctx.path, templateOf(routes, ctx.path));
  if (fault) return fault;
  const match = findRoute(routes, ctx.method, ctx.path);
  if (match === 'methodMismatch') throw new ApiError(405, 0, '405: Method Not Allowed', 'unknown-route');
  if (!match) throw new ApiError(404, 0, '404: Not Found', 'unknown-route');
  const { route } = match;
  ctx.params = match.params;
  try {
    if (route.auth && auth !== `Bot ${state.world.botToken}`)
      throw new ApiError(401, 0, '401: Unauthorized', 'unauthorized');
    const limited = state.rateLimiter.take(ctx.method, route.template, ctx.params, ctx.at);
    if (limited && 'refused' in limited) {
      const retryAfter = Number((limited.refused.body as { retry_after: number }).retry_after);
      state.rateLimited.push({
        method: ctx.method,
        path: ctx.path,
        bucket: limited.bucket,
        retryAfter,
        at: ctx.at,
      });
      return limited.refused;
    }
    checkBody(route, ctx);
    const result = route.handle(ctx);
    const headers = {
      ...(route.auth ? rateLimitHeaders(route.template) : {}),
      ...limited?.headers,
      ...result.headers,
    };
    return { ...result, headers };
  } catch (error) {
    if (error instanceof ApiError) route.onRejected?.(ctx, error);
    throw error;
  }
}

function toResult(state: FakeState, ctx: RouteContext, error: unknown): RouteResult {
  if (error instanceof ApiError) {
    if (error.violation) {
      state.violations.push({
        kind: error.violation,
        method: ctx.method,
        path: ctx.path,
        message: error.message,
        code: error.code,
        ...(error.errors ? { errors: error.errors } : {}),
        at: ctx.at,
      });
    }
    return { status: error.status, body: error.toBody() };
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  state.violations.push({ kind: 'fake-error', method: ctx.method, path: ctx.path, message, at: ctx.at });
  return { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
}

/** The HTTP request handler: fault injection, auth, spec + limit validation, routing and recording. */
export function createHttpHandler(state: FakeState, routes: Route[], faults: Faults) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const ctx: RouteContext = {
      method,
      path: url.pathname,
      params: {},
      query: url.searchParams,
      body: undefined,
      files: [],
      at,
    };
    let result: RouteResult;
    try {
      if (!url.pathname.startsWith(`${API_PREFIX}/`))
        throw new ApiError(404, 0, '404: Not Found', 'unknown-route');
      // discord.js percent-encodes segments such as @original; Discord routes on the decoded path.
      ctx.path = url.pathname.slice(API_PREFIX.length).split('/').map(decodeURIComponent).join('/');
      const parsed = await parseBody(req.headers['content-type'], raw);
      ctx.body = parsed.body;
      ctx.files = parsed.files;
      result = run(state, routes, faults, ctx, req.headers.authorization);
    } catch (error) {
      result = toResult(state, ctx, error);
    }
    state.requests.push({
      method,
      path: ctx.path,
      query: url.search,
      body: ctx.body,
      files: ctx.files.length,
      status: result.status,
      at,
    });
    writeResult(res, result);
    state.waiters.notify();
  };
}
