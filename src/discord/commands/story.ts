import {
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Article } from '../../articles/types.js';
import { userMessageOf } from '../../errors.js';
import { hashWithSalt } from '../../storage/installation-salt.js';
import type { BotContext } from '../runtime/context.js';
import { truncate } from '../render/limits.js';

const NEEDS_PERMISSION = 'Only members with the **Manage Server** permission can add or remove stories.';
const NOT_ENABLED = 'Adding stories from Discord is not enabled on this bot.';

/** What a command definition depends on (the registry's `CommandSetup`). */
export interface StoryCommandSetup {
  readonly articles: readonly Article[];
}

/**
 * `/story add url:`, `/story list`, `/story remove story:` for members with Manage Server (Discord
 * hides the command from others by default; the member's permissions are checked here too, since
 * server admins can grant it to anyone). In the `{ data, execute }` shape of the command registry.
 */
export const storyCommand = {
  name: 'story',
  data(_setup: StoryCommandSetup): RESTPostAPIChatInputApplicationCommandsJSONBody {
    return new SlashCommandBuilder()
      .setName('story')
      .setDescription('Add, list or remove the stories I answer about (Manage Server)')
      .setContexts(InteractionContextType.Guild)
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .addSubcommand((sub) =>
        sub
          .setName('add')
          .setDescription('Add a story from a link to a news article')
          .addStringOption((option) =>
            option
              .setName('url')
              .setDescription('The article’s address (http or https)')
              .setRequired(true)
              .setMaxLength(2000),
          ),
      )
      .addSubcommand((sub) => sub.setName('list').setDescription('The stories I answer about'))
      .addSubcommand((sub) =>
        sub
          .setName('remove')
          .setDescription('Stop answering about a story and delete its files')
          .addStringOption((option) =>
            option.setName('story').setDescription('Which story').setRequired(true).setAutocomplete(true),
          ),
      )
      .toJSON();
  },
  execute,
};

async function execute(context: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const tell = (content: string) => reply(interaction, content);
  if (!interaction.inGuild() || !interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild))
    return tell(NEEDS_PERMISSION);
  const admin = context.storyAdmin;
  const subcommand = interaction.options.getSubcommand();
  if (subcommand === 'list') return tell(listText(context.articles));
  if (!admin) return tell(NOT_ENABLED);
  // Fetching a page may take up to 10 s, past Discord's 3 s to answer an interaction.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  try {
    if (subcommand === 'add') {
      const addedBy = `discord:${hashWithSalt(interaction.user.id, admin.salt)}`;
      const article = await admin.add(interaction.options.getString('url', true), addedBy);
      context.logger.info(
        { event: 'story-add', id: article.id, guildId: interaction.guildId },
        'story added',
      );
      return tell(`${addedText(article)}\n${await admin.commandsUpdated()}`);
    }
    const article = await admin.remove(interaction.options.getString('story', true));
    context.logger.info(
      { event: 'story-remove', id: article.id, guildId: interaction.guildId },
      'story removed',
    );
    return tell(`Removed **${article.title}** (\`${article.id}\`).\n${await admin.commandsUpdated()}`);
  } catch (error) {
    if (userMessageOf(error) === userMessageOf(undefined))
      context.logger.error({ err: error, event: `story-${subcommand}` }, 'story command failed');
    return tell(`Not done: ${userMessageOf(error)}`);
  }
}

function addedText(article: Article): string {
  const about = [article.source, article.byline && `by ${article.byline}`, article.publishedAt?.slice(0, 10)];
  return [
    `Added **${article.title}** as \`${article.id}\` (${article.paragraphs.length} paragraphs).`,
    about.some(Boolean) ? about.filter(Boolean).join(' · ') : '',
    'Questions about it are answered now.',
  ]
    .filter(Boolean)
    .join('\n');
}

function listText(articles: readonly Article[]): string {
  const lines = articles.map(
    (article) =>
      `• \`${article.id}\`: ${article.title} (${article.paragraphs.length} ¶${article.source ? `, ${article.source}` : ''})`,
  );
  return `${articles.length} ${articles.length === 1 ? 'story' : 'stories'}:\n${lines.join('\n')}`;
}

async function reply(interaction: ChatInputCommandInteraction, content: string): Promise<void> {
  const message = { content: truncate(content, 2000), allowedMentions: { parse: [] } };
  if (interaction.deferred || interaction.replied) await interaction.editReply(message);
  else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
}
