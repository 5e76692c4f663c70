import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import dotenv from 'dotenv';
import { loadConfig, type Config } from '../config/load-config.js';
import { createLogger, type Logger } from '../logging/logger.js';

/** What every command but --help and --version starts from. */
export interface Setup {
  /** The package root: relative paths in the configuration resolve against it, so `npx storybot` works anywhere. */
  readonly root: string;
  readonly config: Config;
  readonly logger: Logger;
  /** True for `start` with DISCORD_TOKEN set: the Discord bot rather than the console. */
  readonly bot: boolean;
  readonly io: { readonly stdin: Readable; readonly stdout: Writable; readonly stderr: Writable };
}

/**
 * Reads `.env`, validates every variable at once (a `ConfigError` names each bad one) and makes the
 * logger: `info` for the bot, `warn` for the console and the CLI, with the secrets it must never print.
 */
export function loadSetup(root: string, command: string): Setup {
  dotenv.config({ path: path.join(root, '.env'), quiet: true });
  const config = loadConfig(process.env);
  const bot = command === 'start' && config.DISCORD_TOKEN !== undefined;
  const logger = createLogger({
    level: config.LOG_LEVEL ?? (bot ? 'info' : 'warn'),
    secrets: [config.OPENAI_API_KEY, config.DISCORD_TOKEN, config.DATABASE_AUTH_TOKEN],
  });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  return {
    root,
    config,
    logger,
    bot,
    io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
  };
}

/** A path from the configuration, resolved against the package root. */
export const fromRoot = (setup: Setup, value: string) => path.resolve(setup.root, value);
