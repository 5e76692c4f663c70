import {
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { removalRefusal } from '../../articles/ownership.js';
import { EVERY_SERVER, type Article } from '../../articles/types.js';
import { userMessageOf } from '../../errors.js';
import { hashWithSalt } from '../../storage/installation-salt.js';
import { storiesIn } from '../deliver/stories.js';
import { echoUserText } from '../render/safety.js';
import type { BotContext } from '../deliver/context.js';
import { isBotOwner } from './bot-owner.js';
import type { CommandSetup } from './command.js';
import { truncate } from '../render/limits.js';

const NEEDS_PERMISSION = 'Only members with the **Manage Server** permission can add or remove stories.';
const NOT_ENABLED = 'Adding stories from Discord is not enabled on this bot.';
const OWNER_ONLY =
  'Only the bot’s owner can add a story for every server; leave `every_server` off to add it for this server.';

/**
 * `/story add url:`, `/story list`, `/story remove story:` for members with Manage Server (Discord
 * hides the command from others by default; the member's permissions are checked here too, since
 * server admins can grant it to anyone) and the bot's owner. A story added here belongs to this
 * server (others never see it); the operator's stories are listed but never changed from Discord;
 * `every_server` (the bot's owner only) adds one for all servers. See docs/security.md.
 */
export const storyCommand = {
  name: 'story',
  data(_setup: CommandSetup): RESTPostAPIChatInputApplicationCommandsJSONBody {
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
          )
          .addBooleanOption((option) =>
            option
              .setName('every_server')
              .setDescription('For every server the bot is in (the bot’s owner only); default: this server'),
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
  if (!interaction.inGuild()) return tell(NEEDS_PERMISSION);
  const subcommand = interaction.options.getSubcommand();
  const visible = storiesIn(context.articles, interaction.guildId);
  const managesServer = interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild);
  if (subcommand === 'list') return managesServer ? tell(listText(visible)) : tell(NEEDS_PERMISSION);
  const admin = context.storyAdmin;
  if (!admin) return tell(NOT_ENABLED);
  // Acknowledge before anything slow: fetching a page may take 10 s, and who owns the bot is a REST call.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const botOwner = await isBotOwner(
    interaction.client.application,
    interaction.user.id,
    context.options.ownerIds,
  );
  if (!managesServer && !botOwner) return tell(NEEDS_PERMISSION);
  try {
    if (subcommand === 'add') {
      const everyServer = interaction.options.getBoolean('every_server') ?? false;
      if (everyServer && !botOwner) return tell(OWNER_ONLY);
      const addedBy = `discord:${hashWithSalt(interaction.user.id, admin.salt)}`;
      const addedIn = everyServer ? EVERY_SERVER : interaction.guildId;
      const article = await admin.add(interaction.options.getString('url', true), { addedBy, addedIn });
      context.logger.info(
        { event: 'story-add', id: article.id, guildId: interaction.guildId, addedIn },
        'story added',
      );
      return tell(`${addedText(article)}\n${await admin.commandsUpdated()}`);
    }
    const id = interaction.options.getString('story', true);
    const story = visible.find((article) => article.id === id);
    const refusal = story
      ? removalRefusal(story, { guildId: interaction.guildId, managesServer, botOwner })
      : `There is no story "${echoUserText(truncate(id, 80))}".`;
    if (refusal) return tell(`Not done: ${refusal}`);
    const article = await admin.remove(id);
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
    `Added **${article.title}** as \`${article.id}\` (${article.paragraphs.length === 1 ? '1 paragraph' : `${article.paragraphs.length} paragraphs`}).`,
    about.some(Boolean) ? about.filter(Boolean).join(' · ') : '',
    'Questions about it are answered now.',
  ]
    .filter(Boolean)
    .join('\n');
}

function listText(articles: readonly Article[]): string {
  const owner = (article: Article) =>
    article.addedIn === undefined
      ? 'operator'
      : article.addedIn === EVERY_SERVER
        ? 'every server'
        : 'this server';
  const lines = articles.map(
    (article) =>
      `• \`${article.id}\`: ${article.title} (${article.paragraphs.length} ¶${article.source ? `, ${article.source}` : ''}; ${owner(article)})`,
  );
  return `${articles.length} ${articles.length === 1 ? 'story' : 'stories'}:\n${lines.join('\n')}`;
}

async function reply(interaction: ChatInputCommandInteraction, content: string): Promise<void> {
  const message = { content: truncate(content, 2000), allowedMentions: { parse: [] } };
  if (interaction.deferred || interaction.replied) await interaction.editReply(message);
  else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
}
