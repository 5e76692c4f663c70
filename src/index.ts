#!/usr/bin/env node
// storybot's entry point. It reads the command first and loads only what that command needs:
// --help and --version load nothing else, and the console, the bot, `ask`, `add` and `report` each
// import their own modules from src/launch/ (discord.js, the OpenAI SDK, the page reader and the
// records database each take 0.1 to 0.3 s to load, so no command pays for another's).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { routeCommand, unknownCommandMessage, USAGE, type CliCommand } from './cli/route.js';
import type { Setup } from './launch/setup.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(argv: readonly string[]): Promise<number> {
  // 1. The command. Help, the version and an unknown command need nothing else.
  const command = routeCommand(argv);
  if (command.kind === 'help') return say(process.stdout, USAGE, 0);
  if (command.kind === 'version') {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    return say(process.stdout, `storybot ${pkg.version}`, 0);
  }
  if (command.kind === 'unknown') return say(process.stderr, unknownCommandMessage(command.name), 2);

  // 2. The configuration (.env, every variable validated at once) and the logger.
  const { loadSetup } = await import('./launch/setup.js');
  const setup = loadSetup(ROOT, command.kind);

  // 3. The command's own module: it builds what it needs (the runtime, or just the records) and runs.
  const launcher = await loadLauncher(command.kind);
  return launcher(setup, command.rest, import.meta.url);
}

type Launcher = (setup: Setup, argv: readonly string[], entry: string) => Promise<number>;

async function loadLauncher(
  kind: Exclude<CliCommand['kind'], 'help' | 'version' | 'unknown'>,
): Promise<Launcher> {
  switch (kind) {
    case 'start':
      return (await import('./launch/start.js')).launch;
    case 'ask':
      return (await import('./launch/ask.js')).launch;
    case 'add':
      return (await import('./launch/add.js')).launch;
    case 'report':
      return (await import('./launch/report.js')).launch;
    case 'list':
    case 'remove':
      return (await import('./launch/stories.js')).launch(kind);
    case 'deploy-commands':
      return (await import('./launch/deploy-commands.js')).launch;
  }
}

function say(stream: NodeJS.WritableStream, text: string, code: number): number {
  stream.write(`${text}\n`);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // A shard process's IPC channel to the ShardingManager would keep it alive after the bot stopped.
    if (process.env.SHARDING_MANAGER !== undefined && process.connected) process.disconnect();
  },
  (error: unknown) => {
    // A bad configuration or story folder says what is wrong; anything else, that it could not start.
    const known = error instanceof Error && ['ConfigError', 'ArticleLoadError'].includes(error.name);
    process.stderr.write(
      `${known ? error.message : `storybot could not start: ${error instanceof Error ? error.message : String(error)}`}\n`,
    );
    process.exitCode = 1;
  },
);
