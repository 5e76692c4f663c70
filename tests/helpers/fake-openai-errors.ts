/** An error reply in OpenAI's shape: `{ error: { message, type, param, code } }` with an HTTP status. */
export interface FakeFailure {
  readonly status: number;
  readonly error: {
    readonly message: string;
    readonly type?: string;
    readonly param?: string | null;
    readonly code?: string | null;
  };
  readonly headers?: Readonly<Record<string, string>>;
}

const invalid = (message: string, param: string | null, code: string | null, status = 400): FakeFailure => ({
  status,
  error: { message, type: 'invalid_request_error', param, code },
});

/** The error replies OpenAI really sends (messages and codes copied from the API), for scripting the fake. */
export const fakeErrors = {
  invalidApiKey: (key = ''): FakeFailure =>
    invalid(
      `Incorrect API key provided: ${key.slice(0, 3)}***${key.slice(-4)}. ` +
        'You can find your API key at https://platform.openai.com/account/api-keys.',
      null,
      'invalid_api_key',
      401,
    ),
  rateLimited: (wait: { retryAfterMs?: number; retryAfterSeconds?: number } = {}): FakeFailure => ({
    status: 429,
    error: {
      message:
        'Rate limit reached for gpt-4.1-mini in organization org-fake on requests per min (RPM): Limit 3, Used 3, ' +
        'Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.',
      type: 'requests',
      param: null,
      code: 'rate_limit_exceeded',
    },
    headers: {
      'x-ratelimit-limit-requests': '3',
      'x-ratelimit-remaining-requests': '0',
      ...(wait.retryAfterMs === undefined ? {} : { 'retry-after-ms': String(wait.retryAfterMs) }),
      ...(wait.retryAfterSeconds === undefined ? {} : { 'retry-after': String(wait.retryAfterSeconds) }),
    },
  }),
  insufficientQuota: (): FakeFailure => ({
    status: 429,
    error: {
      message:
        'You exceeded your current quota, please check your plan and billing details. For more information on ' +
        'this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
      type: 'insufficient_quota',
      param: null,
      code: 'insufficient_quota',
    },
  }),
  serverError: (status = 500): FakeFailure => ({
    status,
    error: {
      message:
        status === 503
          ? 'The engine is currently overloaded, please try again later.'
          : 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: null,
    },
  }),
  modelNotFound: (model: string): FakeFailure =>
    invalid(
      `The model \`${model}\` does not exist or you do not have access to it.`,
      null,
      'model_not_found',
      404,
    ),
  contextLengthExceeded: (): FakeFailure =>
    invalid(
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130211 tokens. " +
        'Please reduce the length of the messages.',
      'messages',
      'context_length_exceeded',
    ),
  /** What llama.cpp- and vLLM-style servers answer to a response format they cannot enforce. */
  responseFormatUnsupported: (type: string): FakeFailure =>
    invalid(`'response_format' of type '${type}' is not supported by this server`, 'response_format', null),
  /** What older llama.cpp servers answer to a `json_schema` they fail to turn into a grammar. */
  schemaGrammarFailed: (): FakeFailure => ({
    status: 500,
    error: {
      message: 'JSON schema conversion failed: Unrecognized schema: {"strict":true}',
      type: 'server_error',
      code: null,
    },
  }),
  /** A server that cannot stream. */
  streamUnsupported: (): FakeFailure =>
    invalid("'stream' is not supported by this server", 'stream', 'unsupported_parameter'),
  unrecognizedArgument: (name: string): FakeFailure =>
    invalid(`Unrecognized request argument supplied: ${name}`, null, null),
  temperatureUnsupported: (value: number): FakeFailure =>
    invalid(
      `Unsupported value: 'temperature' does not support ${value} with this model. Only the default (1) value is supported.`,
      'temperature',
      'unsupported_value',
    ),
  unsupportedParameter: (name: string, instead: string): FakeFailure =>
    invalid(
      `Unsupported parameter: '${name}' is not supported with this model. Use '${instead}' instead.`,
      name,
      'unsupported_parameter',
    ),
  invalidUrl: (method: string, path: string): FakeFailure =>
    invalid(`Invalid URL (${method} ${path})`, null, null, 404),
  badJson: (): FakeFailure =>
    invalid(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP " +
        'library correctly.)',
      null,
      null,
    ),
};
