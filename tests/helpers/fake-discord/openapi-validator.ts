import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { BodyIssue } from './api-error.js';

const SPEC_URL = new URL('../../fixtures/discord-openapi/openapi.json', import.meta.url);
const SPEC_ID = 'discord-openapi';

type AddFormats = (ajv: Ajv2020) => unknown;

let ajv: Ajv2020 | undefined;
let paths: Record<string, Record<string, unknown>> = {};
const validators = new Map<string, ValidateFunction | null>();

/** Loads Discord's spec once per process; schemas are compiled per route on first use (compiling all is slow). */
function getAjv(): Ajv2020 {
  if (ajv) return ajv;
  const spec = JSON.parse(readFileSync(SPEC_URL, 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
  };
  paths = spec.paths;
  const instance = new Ajv2020({
    strict: false,
    validateSchema: false,
    allErrors: true,
    formats: { snowflake: /^(0|[1-9][0-9]*)$/, int32: true, int64: true, double: true, nonce: true },
  });
  // ajv-formats is CommonJS: the plugin is either the module itself or its `default`.
  const mod = addFormatsModule as unknown as AddFormats | { default: AddFormats };
  (typeof mod === 'function' ? mod : mod.default)(instance);
  instance.addSchema({ ...spec, $id: SPEC_ID });
  ajv = instance;
  return instance;
}

const pointer = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');

function validatorFor(method: string, template: string): ValidateFunction | null {
  const key = `${method} ${template}`;
  const cached = validators.get(key);
  if (cached !== undefined) return cached;
  const instance = getAjv();
  const operation = paths[template]?.[method.toLowerCase()] as
    { requestBody?: { content?: Record<string, unknown> } } | undefined;
  const hasJson = operation?.requestBody?.content?.['application/json'] !== undefined;
  const ref = `${SPEC_ID}#/paths/${pointer(template)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
  const validate = hasJson ? instance.compile({ $ref: ref }) : null;
  validators.set(key, validate);
  return validate;
}

function describe(error: ErrorObject): BodyIssue {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'maxLength':
    case 'maxItems':
      return {
        path,
        code: 'BASE_TYPE_MAX_LENGTH',
        message: `Must be ${String(params.limit)} or fewer in length.`,
      };
    case 'minLength':
    case 'minItems':
      return {
        path,
        code: 'BASE_TYPE_MIN_LENGTH',
        message: `Must be ${String(params.limit)} or more in length.`,
      };
    case 'required':
      return {
        path: [...path, String(params.missingProperty)],
        code: 'BASE_TYPE_REQUIRED',
        message: 'This field is required',
      };
    case 'enum':
    case 'const':
      return {
        path,
        code: 'BASE_TYPE_CHOICES',
        message: `Value must be one of ${JSON.stringify(params.allowedValues ?? params.allowedValue)}.`,
      };
    default:
      return {
        path,
        code: `SCHEMA_${error.keyword.toUpperCase()}`,
        message: error.message ?? 'Invalid value',
      };
  }
}

/**
 * Discord documents permission sets as strings ("serialized into a string") and accepts them, as
 * discord.js sends them, but the spec types `default_member_permissions` in requests as an integer:
 * read a digit string as the number it stands for, as Discord does.
 */
function asDiscordReads(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(asDiscordReads);
  if (typeof body !== 'object' || body === null) return body;
  const record = body as Record<string, unknown>;
  const permissions = record.default_member_permissions;
  if (typeof permissions !== 'string' || !/^\d{1,16}$/.test(permissions)) return body;
  return { ...record, default_member_permissions: Number(permissions) };
}

/**
 * Validates a JSON body against the request-body schema Discord publishes for the route.
 * Returns [] when valid or when the route has no JSON body schema.
 */
export function validateRequestBody(method: string, template: string, body: unknown): BodyIssue[] {
  const validate = validatorFor(method, template);
  if (!validate || validate(asDiscordReads(body))) return [];
  return (validate.errors ?? []).map(describe);
}
