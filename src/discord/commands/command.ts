import type {
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Article } from '../../articles/types.js';
import type { BotContext } from '../deliver/context.js';

/** What a command's definition depends on. */
export interface CommandSetup {
  readonly articles: readonly Article[];
  /** The `/ask` question's max_length (Discord allows up to 6000; storybot caps it lower). */
  readonly maxQuestionLength: number;
}

/** One slash command, in the discord.js template's `{ data, execute }` shape. */
export interface Command {
  readonly name: string;
  /** The definition registered with Discord (options depend on how many stories are loaded). */
  data(setup: CommandSetup): RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(context: BotContext, interaction: ChatInputCommandInteraction): Promise<void>;
}
