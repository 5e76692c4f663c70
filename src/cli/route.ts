/** The usage text for `storybot --help` and for an unknown command. */
export const USAGE = `storybot: answers questions about news stories from the article alone, quoting it word for word.

Usage:
  storybot [start]             the Discord bot when DISCORD_TOKEN is set, otherwise the console chat
  storybot ask "question" [--json] [--k N] [--story ID]
  storybot ask --batch [--k N] < questions.txt
  storybot add <url | file> [--id ID]   adds a story from a web page or a file (a running bot loads it)
  storybot list [--json]       the stories: id, title, source, paragraphs, who added it
  storybot remove <id>         deletes a story from the data folder (a running bot drops it)
  storybot report [--story ID] [--since 7d] [--html FILE]   what readers asked, per story
  storybot deploy-commands     registers the slash commands, as npm run deploy-commands does (needs DISCORD_TOKEN and DISCORD_APPLICATION_ID)
  storybot --help | --version

Configuration: environment variables or .env (see .env.example).`;

/** What the command line asked for; `rest` holds the arguments after the command. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'unknown'; readonly name: string }
  | {
      readonly kind: 'start' | 'ask' | 'add' | 'list' | 'remove' | 'report' | 'deploy-commands';
      readonly rest: readonly string[];
    };

/** Reads the command from the arguments (no command means `start`). */
export function routeCommand(argv: readonly string[]): CliCommand {
  const [command = 'start', ...rest] = argv;
  if (['--help', '-h', 'help'].includes(command)) return { kind: 'help' };
  if (['--version', '-v', 'version'].includes(command)) return { kind: 'version' };
  if (
    command === 'start' ||
    command === 'ask' ||
    command === 'add' ||
    command === 'list' ||
    command === 'remove' ||
    command === 'report' ||
    command === 'deploy-commands'
  )
    return { kind: command, rest };
  return { kind: 'unknown', name: command };
}

/** The message for an unknown command, followed by the usage. */
export const unknownCommandMessage = (name: string) => `Unknown command "${name}".\n\n${USAGE}`;
