import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { ChatRequest, ResponseSchema } from '../domain/ports.js';
import type { RequestShape } from './llm-request-shape.js';

/** The fixed settings of every chat request a client sends. */
export interface ChatSettings {
  readonly model: string;
  readonly maxOutputTokens: number;
  readonly temperature: number;
  /** The text of prompts/json-format.md, with `{{schema}}` where the JSON schema goes. */
  readonly jsonFormatPrompt: string;
}

/**
 * Fills the JSON-format prompt template with a schema. Used when the server cannot enforce the
 * schema itself (JSON mode or prompt only), so the model is told the shape in words.
 */
export function renderJsonFormatPrompt(template: string, schema: ResponseSchema): string {
  return template.split('{{schema}}').join(JSON.stringify(schema.schema, null, 2));
}

/** The Chat Completions body for one request in the given shape. */
export function buildChatBody(
  request: ChatRequest,
  shape: RequestShape,
  settings: ChatSettings,
): ChatCompletionCreateParamsNonStreaming {
  const system =
    shape.format === 'json_schema'
      ? request.system
      : `${request.system}\n\n${renderJsonFormatPrompt(settings.jsonFormatPrompt, request.schema)}`;
  return {
    model: settings.model,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: request.user },
    ],
    ...(shape.sendTemperature ? { temperature: settings.temperature } : {}),
    ...(shape.tokenField === 'max_tokens'
      ? { max_tokens: settings.maxOutputTokens }
      : { max_completion_tokens: settings.maxOutputTokens }),
    ...responseFormat(shape, request.schema),
  };
}

/** The text of a request's messages as sent, for counting its tokens when the server tells none. */
export function promptText(body: Pick<ChatCompletionCreateParamsNonStreaming, 'messages'>): string {
  return body.messages
    .map((message) => (typeof message.content === 'string' ? message.content : ''))
    .join('\n');
}

function responseFormat(
  shape: RequestShape,
  schema: ResponseSchema,
): Pick<ChatCompletionCreateParamsNonStreaming, 'response_format'> {
  switch (shape.format) {
    case 'json_schema':
      return {
        response_format: {
          type: 'json_schema',
          json_schema: { name: schema.name, schema: { ...schema.schema }, strict: true },
        },
      };
    case 'json_object':
      return { response_format: { type: 'json_object' } };
    case 'prompt':
      return {};
  }
}
