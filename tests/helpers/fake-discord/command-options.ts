import type { CommandOption, Json } from './types.js';

const SNOWFLAKE = /^(0|[1-9][0-9]*)$/;

/** Value checks per option type, as Discord types them in interaction data. */
const VALUE_CHECKS: Record<number, (v: unknown) => boolean> = {
  3: (v) => typeof v === 'string',
  4: (v) => typeof v === 'number' && Number.isInteger(v),
  5: (v) => typeof v === 'boolean',
  6: (v) => typeof v === 'string' && SNOWFLAKE.test(v),
  7: (v) => typeof v === 'string' && SNOWFLAKE.test(v),
  8: (v) => typeof v === 'string' && SNOWFLAKE.test(v),
  9: (v) => typeof v === 'string' && SNOWFLAKE.test(v),
  10: (v) => typeof v === 'number',
  11: (v) => typeof v === 'string' && SNOWFLAKE.test(v),
};

function fail(command: string, message: string): never {
  throw new Error(`fake-discord: /${command}: ${message} (Discord would never send this)`);
}

/**
 * Checks options a test sends the way Discord would have built them: values typed per option type and,
 * when the command is registered, names, types and required options matching its definition.
 * The focused option of an autocomplete carries the raw typed text, so only its presence is checked.
 */
export function checkCommandOptions(
  command: string,
  options: CommandOption[],
  registered: Json | undefined,
  autocomplete: boolean,
): void {
  if (autocomplete && options.filter((o) => o.focused === true).length !== 1)
    fail(command, 'autocomplete needs exactly one focused option');
  const defined = Array.isArray(registered?.options) ? (registered.options as Json[]) : undefined;
  for (const option of options) {
    if (option.type === 1 || option.type === 2) continue;
    const check = VALUE_CHECKS[option.type];
    if (!option.focused && check && !check(option.value))
      fail(
        command,
        `option "${option.name}" (type ${option.type}) has value ${JSON.stringify(option.value)}`,
      );
    const definition = defined?.find((d) => d.name === option.name);
    if (defined && !definition) fail(command, `option "${option.name}" is not registered`);
    if (definition && definition.type !== option.type)
      fail(command, `option "${option.name}" is registered with type ${String(definition.type)}`);
  }
  if (!defined || autocomplete || options.some((o) => o.type === 1 || o.type === 2)) return;
  for (const definition of defined) {
    if (definition.required === true && !options.some((o) => o.name === definition.name))
      fail(command, `required option "${String(definition.name)}" is missing`);
  }
}
