/** Parsed command-line flags: `--name value`, `--name=value` or a bare `--flag` (true). */
export type Flags = ReadonlyMap<string, string | true>;

/**
 * Parses `--flag` style arguments; anything not in `known` is an error, so a typo does not
 * silently run the wrong measurement.
 */
export function parseFlags(argv: readonly string[], known: readonly string[]): Flags {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const argument = argv[i] ?? '';
    const match = /^--([\w-]+)(?:=(.*))?$/.exec(argument);
    if (!match?.[1])
      throw new Error(
        `Unexpected argument "${argument}". Known flags: ${known.map((name) => `--${name}`).join(', ')}`,
      );
    const name = match[1];
    if (!known.includes(name))
      throw new Error(`Unknown flag --${name}. Known flags: ${known.map((flag) => `--${flag}`).join(', ')}`);
    const next = argv[i + 1];
    if (match[2] !== undefined) flags.set(name, match[2]);
    else if (next !== undefined && !next.startsWith('--')) {
      flags.set(name, next);
      i += 1;
    } else flags.set(name, true);
  }
  return flags;
}

/** A flag's string value, or the fallback. */
export function stringFlag(flags: Flags, name: string, fallback: string): string {
  const value = flags.get(name);
  return typeof value === 'string' ? value : fallback;
}
