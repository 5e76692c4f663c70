import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const url = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional())
  .optional();

const int = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

const flag = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' }))
    .transform((value) => ['true', '1', 'yes', 'on'].includes(value))
    .default(fallback);

const snowflake = optionalString.pipe(
  z
    .string()
    .regex(/^\d{15,22}$/, 'must be a Discord id (digits only)')
    .optional(),
);

// Comma- or space-separated Discord user ids.
const snowflakes = z
  .string()
  .trim()
  .pipe(z.string().regex(/^(\d{15,22}([\s,]+\d{15,22})*)?$/, 'must be Discord user ids separated by commas'))
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .default([]);

const bool = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], 'must be true or false'))
    .transform((value) => ['true', '1', 'yes', 'on'].includes(value))
    .default(fallback);

const databaseUrl = optionalString.pipe(
  z
    .string()
    .regex(/^(file|libsql|https?|wss?):/, 'must be a file:, libsql:, http(s): or ws(s): URL')
    .optional(),
);

const redisUrl = optionalString.pipe(
  z.url({ protocol: /^rediss?$/, message: 'must be a redis:// (or rediss://) URL' }).optional(),
);

// "auto": as many shards as Discord recommends; a number: exactly that many; unset: one process, unsharded.
const shards = optionalString.pipe(
  z
    .union(
      [
        z.literal('auto'),
        z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(1000)),
      ],
      { message: 'must be "auto" or a whole number of shards (1 to 1000)' },
    )
    .optional(),
);

const fields = z.object({
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url,
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4.1-mini'),
  // "off" (or "none") keeps retrieval lexical even with a key; undefined then means no embeddings.
  OPENAI_EMBEDDING_MODEL: z
    .string()
    .trim()
    .default('text-embedding-3-small')
    .transform((value) => (/^(off|none)$/i.test(value) ? undefined : value)),
  OPENAI_TIMEOUT_MS: int(30_000, 1_000, 600_000),
  OPENAI_MAX_RETRIES: int(2, 0, 10),
  // After the model server is found down, answers skip it (extractive) this long before trying again; 0: never skip.
  OPENAI_DOWN_RETRY_SECONDS: int(30, 0, 3_600),
  OPENAI_MAX_OUTPUT_TOKENS: int(800, 64, 16_384),
  OPENAI_TEMPERATURE: z.coerce.number({ message: 'must be a number' }).min(0).max(2).default(0),
  DAILY_TOKEN_CAP: int(0, 0, 1_000_000_000),
  // "model" (the default when OPENAI_API_KEY is set) adds a second opinion on each answer's claims
  // from GROUNDING_MODEL; "code" turns it off. Unset is resolved below, once the key is known.
  GROUNDING_CHECK: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['code', 'model'], { message: 'must be "code" or "model"' }))
    .optional(),
  GROUNDING_MODEL: z.string().trim().min(1).default('gpt-4.1-nano'),
  // How long the second opinion may take before the answer goes out "checked by code only".
  GROUNDING_TIMEOUT_MS: int(8_000, 500, 120_000),
  STORYBOT_DATA_DIR: z.string().trim().min(1).default('data'),
  STORYBOT_CACHE_DIR: z.string().trim().min(1).default('.cache'),
  STORYBOT_VAR_DIR: z.string().trim().min(1).default('var'),
  STORYBOT_TOP_K: int(5, 1, 20),
  // Stories up to this many tokens go whole into a prompt prefix the model server can cache; 0 = top passages only.
  STORYBOT_CONTEXT_BUDGET: int(2_000, 0, 1_000_000),
  // Load stories added to the data folder while storybot runs.
  STORYBOT_WATCH_DATA: bool(true),
  // Let `storybot add` fetch loopback, private and link-local addresses (tests, intranets).
  STORYBOT_ALLOW_PRIVATE_URLS: bool(false),
  DATABASE_URL: databaseUrl,
  DATABASE_AUTH_TOKEN: optionalString,
  STORE_DM_TEXT: bool(false),
  RETENTION_DAYS: int(180, 0, 36_500),
  MAX_QUESTION_LENGTH: int(500, 20, 4_000),
  CONVERSATION_MAX_TURNS: int(6, 0, 50),
  CONVERSATION_MAX_AGE_MINUTES: int(30, 1, 24 * 60),
  // Unset: info for the Discord bot, warn for the console and command line (which own stdout).
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: snowflake,
  DISCORD_GUILD_ID: snowflake,
  DISCORD_API_URL: url,
  DISCORD_MESSAGE_CONTENT: flag(false),
  // The bot's owners besides the application's owner/team: they may add stories for every server.
  STORYBOT_OWNER_IDS: snowflakes,
  USER_COOLDOWN_SECONDS: int(5, 0, 3_600),
  MAX_CONCURRENT_LLM_CALLS: int(4, 1, 100),
  MAX_QUEUED_QUESTIONS: int(100, 1, 10_000),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: z.string().trim().min(1).default('storybot:'),
  STORYBOT_SHARDS: shards,
  // Discord allows one identify per 5 s per bucket (max_concurrency): the manager spaces shard starts.
  STORYBOT_SHARD_SPAWN_DELAY_MS: int(5_500, 0, 60_000),
});

const schema = fields
  .superRefine((config, context) => {
    if (config.GROUNDING_CHECK === 'model' && !config.OPENAI_API_KEY)
      context.addIssue({
        code: 'custom',
        path: ['GROUNDING_CHECK'],
        message: '"model" needs OPENAI_API_KEY (the check asks GROUNDING_MODEL)',
      });
  })
  .transform((config) => ({
    ...config,
    GROUNDING_CHECK:
      config.GROUNDING_CHECK ?? (config.OPENAI_API_KEY ? ('model' as const) : ('code' as const)),
  }));

/** Every setting storybot reads, validated. See `.env.example` for what each one means. */
export type Config = z.infer<typeof schema>;

/** Thrown when one or more variables are invalid; the message names every bad one. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/**
 * Validates all variables at once. Pure: reads only the `env` object it is given.
 * @throws {ConfigError} naming each invalid variable and why.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  // An empty variable (`OPENAI_API_KEY=` in .env) means "not set", for every variable alike.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}
