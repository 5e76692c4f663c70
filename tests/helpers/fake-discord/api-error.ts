import type { Json, ViolationKind } from './types.js';

/** A Discord-shaped HTTP error; `violation` says whether the fake records it as a bot mistake. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly violation?: ViolationKind,
    readonly errors?: Json,
  ) {
    super(message);
  }

  /** The JSON body Discord sends for this error. */
  toBody(): Json {
    return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

/** 404 10003 Unknown Channel. */
export const unknownChannel = (): ApiError => new ApiError(404, 10003, 'Unknown Channel', 'unknown-resource');
/** 404 10008 Unknown Message. */
export const unknownMessage = (): ApiError => new ApiError(404, 10008, 'Unknown Message', 'unknown-resource');
/** 404 10015 Unknown Webhook (an interaction token used before the interaction was acknowledged, or a bad one). */
export const unknownWebhook = (): ApiError => new ApiError(404, 10015, 'Unknown Webhook', 'interaction');

/** One problem in a request body, located by its path (e.g. ['embeds', '0', 'title']). */
export interface BodyIssue {
  path: string[];
  code: string;
  message: string;
}

/** Builds Discord's nested `errors` object: `{ embeds: { 0: { title: { _errors: [{ code, message }] } } } }`. */
export function toFormErrors(issues: BodyIssue[]): Json {
  const root: Json = {};
  for (const issue of issues) {
    let node = root;
    for (const key of issue.path) {
      const next = node[key];
      node = next && typeof next === 'object' ? (next as Json) : (node[key] = {});
    }
    const list = Array.isArray(node._errors) ? (node._errors as Json[]) : (node._errors = []);
    if (!list.some((e) => e.code === issue.code && e.message === issue.message))
      list.push({ code: issue.code, message: issue.message });
  }
  return root;
}

/** 400 50035 Invalid Form Body with the issues laid out as Discord does. */
export function invalidFormBody(issues: BodyIssue[], kind: ViolationKind): ApiError {
  return new ApiError(400, 50035, 'Invalid Form Body', kind, toFormErrors(issues));
}
