import { APIError } from 'openai';
import type { ChatResult } from '../domain/ports.js';
import { errorText } from './llm-errors.js';

/** How the reply's JSON shape is enforced, strongest first. */
export type ReplyFormat = ChatResult['format'];
const FORMATS: readonly ReplyFormat[] = ['json_schema', 'json_object', 'prompt'];

/** The next weaker format, or `undefined` after the prompt alone. */
export function weakerFormat(format: ReplyFormat): ReplyFormat | undefined {
  return FORMATS[FORMATS.indexOf(format) + 1];
}

/** Which field carries the output token cap: OpenAI's current one, or the one every compatible server knows. */
export type TokenField = 'max_completion_tokens' | 'max_tokens';

/** The optional parts of a chat request that a server may refuse, learnt per client. */
export interface RequestShape {
  readonly format: ReplyFormat;
  readonly sendTemperature: boolean;
  readonly tokenField: TokenField;
}

/** One thing a server refused, and what to send instead. */
export type ShapeChange =
  | { readonly kind: 'format'; readonly to: ReplyFormat }
  | { readonly kind: 'temperature'; readonly to: false }
  | { readonly kind: 'tokenField'; readonly to: TokenField };

// Reasoning models reject any temperature but the default.
const NO_TEMPERATURE_MODEL = /(^|\/)(o\d|gpt-5)/i;
const UNSUPPORTED =
  /unsupported|not supported|unrecognized|unknown|not permitted|not allowed|extra|invalid param|use '?max_/i;
const FORMAT_WORDS = /response_format|json_schema|json_object|structured output|guided|grammar/i;

/** The first shape to try: structured outputs, temperature unless the model is a reasoning one. */
export function initialShape(model: string, baseURL: string | undefined): RequestShape {
  return {
    format: 'json_schema',
    sendTemperature: !NO_TEMPERATURE_MODEL.test(model),
    tokenField: isOpenAiHost(baseURL) ? 'max_completion_tokens' : 'max_tokens',
  };
}

/** Whether requests go to OpenAI itself (no base URL, or api.openai.com). */
export function isOpenAiHost(baseURL: string | undefined): boolean {
  if (baseURL === undefined) return true;
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

/**
 * What to change after a server refused a request with this shape, or `undefined` when the error
 * is not about an optional part we can drop (then it is a real failure).
 */
export function changeFor(shape: RequestShape, error: unknown): ShapeChange | undefined {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return undefined;
  const text = `${errorText(error)} ${error.param ?? ''} ${error.code ?? ''}`;
  if (shape.sendTemperature && /temperature/i.test(text)) return { kind: 'temperature', to: false };
  if (text.includes(shape.tokenField) && UNSUPPORTED.test(text)) {
    return {
      kind: 'tokenField',
      to: shape.tokenField === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens',
    };
  }
  const next = weakerFormat(shape.format);
  if (next && (FORMAT_WORDS.test(text) || error.error === undefined)) return { kind: 'format', to: next };
  return undefined;
}

/** Applies a change; formats only ever step down, so concurrent calls cannot undo each other. */
export function applyChange(shape: RequestShape, change: ShapeChange): RequestShape {
  switch (change.kind) {
    case 'format': {
      const weaker = FORMATS.indexOf(change.to) > FORMATS.indexOf(shape.format);
      return weaker ? { ...shape, format: change.to } : shape;
    }
    case 'temperature':
      return { ...shape, sendTemperature: false };
    case 'tokenField':
      return { ...shape, tokenField: change.to };
  }
}
