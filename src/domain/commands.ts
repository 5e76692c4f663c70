// How messages name the operator's commands, in one place so every message says the same as the docs.

/** Registers the slash commands (the README's form: an npm script, which works in a fresh clone). */
export const DEPLOY_COMMANDS = 'npm run deploy-commands';

/** A storybot command as the operator types it in the storybot folder, e.g. `npx storybot list`. */
export const storybotCommand = (command: string): string => `npx storybot ${command}`;
