import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Article } from '../articles/types.js';
import { storyCommand } from './commands/story.js';

export interface CommandOptions {
  /** The `/ask` question's max_length (Discord allows up to 6000; storybot caps it lower). */
  readonly maxQuestionLength: number;
}

/** Usable in servers, in the bot's DMs and in other DMs/group DMs (user installs). */
function everywhere(builder: SlashCommandBuilder): SlashCommandBuilder {
  return builder
    .setContexts(
      InteractionContextType.Guild,
      InteractionContextType.BotDM,
      InteractionContextType.PrivateChannel,
    )
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall);
}

/**
 * The slash commands: /ask, /article, /quote, /help, /story (Manage Server). The `story` option appears only when more
 * than one article is loaded.
 */
export function buildCommands(
  articles: readonly Article[],
  { maxQuestionLength }: CommandOptions,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const several = articles.length > 1;
  const single = articles.length === 1 ? articles[0] : undefined;

  const ask = everywhere(new SlashCommandBuilder())
    .setName('ask')
    .setDescription('Ask a question about the story; the answer quotes the article word for word')
    .addStringOption((option) =>
      option
        .setName('question')
        .setDescription('Your question')
        .setRequired(true)
        .setMinLength(2)
        .setMaxLength(Math.min(maxQuestionLength, 6000)),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Show the answer only to you'));
  if (several) ask.addStringOption((option) => storyOption(option.setName('story')));

  const article = everywhere(new SlashCommandBuilder())
    .setName('article')
    .setDescription('What the story is: headline, outlet, date, link and its opening');
  if (several) article.addStringOption((option) => storyOption(option.setName('story')));

  const quote = everywhere(new SlashCommandBuilder())
    .setName('quote')
    .setDescription('Show one paragraph of the article, word for word')
    .addIntegerOption((option) => {
      option
        .setName('paragraph')
        .setDescription('Paragraph number (¶)')
        .setRequired(true)
        .setMinValue(1)
        .setAutocomplete(true);
      return single ? option.setMaxValue(Math.max(1, single.paragraphs.length)) : option;
    });
  if (several) quote.addStringOption((option) => storyOption(option.setName('story')));

  const help = everywhere(new SlashCommandBuilder())
    .setName('help')
    .setDescription('What this bot does, how answers are grounded, and how to ask');

  return [...[ask, article, quote, help].map((command) => command.toJSON()), storyCommand.data({ articles })];
}

function storyOption<T extends { setDescription(d: string): T; setAutocomplete(a: boolean): T }>(
  option: T,
): T {
  return option.setDescription('Which story (when several are loaded)').setAutocomplete(true);
}
