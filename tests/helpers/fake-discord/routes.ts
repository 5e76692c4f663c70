import type { ApiError, BodyIssue } from './api-error.js';
import type { UploadedFile } from './http-io.js';

/** What a route handler sees. `path` is relative to /api/v10. */
export interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body (from `payload_json` for multipart requests). */
  body: unknown;
  files: UploadedFile[];
  at: number;
}

/** A handler's answer; `body` undefined means 204 No Content. */
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One REST route, named by its template in Discord's OpenAPI spec. */
export interface Route {
  method: string;
  /** The OpenAPI path, e.g. `/channels/{channel_id}/messages`. */
  template: string;
  /** Requires `Authorization: Bot <token>` (interaction callbacks and webhook routes do not). */
  auth: boolean;
  /** Extra body rules beyond the spec schema (documented limits). */
  rules?: (body: unknown, files: number) => BodyIssue[];
  handle(ctx: RouteContext): RouteResult;
  /** Told when the request was refused before or inside `handle` (e.g. to record a failed callback). */
  onRejected?(ctx: RouteContext, error: ApiError): void;
}

/** A route that matched a request path. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

const compiled = new WeakMap<Route, { regex: RegExp; names: string[] }>();

function compile(route: Route): { regex: RegExp; names: string[] } {
  const cached = compiled.get(route);
  if (cached) return cached;
  const names: string[] = [];
  const source = route.template.replace(/\{(\w+)\}|[.*+?^$()|[\]\\]/g, (token, name: string | undefined) => {
    if (!name) return `\\${token}`;
    names.push(name);
    return '([^/]+)';
  });
  const entry = { regex: new RegExp(`^${source}$`), names };
  compiled.set(route, entry);
  return entry;
}

function matchPath(route: Route, path: string): Record<string, string> | undefined {
  const { regex, names } = compile(route);
  const found = regex.exec(path);
  if (!found) return undefined;
  const params: Record<string, string> = {};
  names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1] ?? '')));
  return params;
}

/** Finds the route for a request; `methodMismatch` when the path exists for another method (405). */
export function findRoute(
  routes: Route[],
  method: string,
  path: string,
): RouteMatch | 'methodMismatch' | undefined {
  let pathKnown = false;
  for (const route of routes) {
    const params = matchPath(route, path);
    if (!params) continue;
    if (route.method === method) return { route, params };
    pathKnown = true;
  }
  return pathKnown ? 'methodMismatch' : undefined;
}

/** The spec template of a path, when any route matches it (used to match faults by template). */
export function templateOf(routes: Route[], path: string): string | undefined {
  return routes.find((route) => matchPath(route, path) !== undefined)?.template;
}
