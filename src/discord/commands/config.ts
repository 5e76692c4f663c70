import {
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type SlashCommandChannelOption,
} from 'discord.js';
import { DEFAULT_CHANNEL_SETTINGS, type ChannelSettings } from '../../storage/channel-settings.js';
import { describeSettings } from '../ask/channel-settings.js';
import type { BotContext } from '../deliver/context.js';
import { replyPrivately } from '../render/respond.js';
import { chooseStory, storiesIn } from '../deliver/stories.js';
import type { Command, CommandSetup } from './command.js';

const NEEDS_PERMISSION =
  'Only members with the **Manage Server** permission can change or view my channel settings.';
const ANY_STORY = 'any';

const tellPrivately = (interaction: ChatInputCommandInteraction, text: string) =>
  replyPrivately(interaction, text);

/** The settings after applying the options given (unset options keep their current value). */
function applyOptions(
  context: BotContext,
  interaction: ChatInputCommandInteraction,
  current: ChannelSettings,
): ChannelSettings | string {
  const { options } = interaction;
  const mode = options.getString('mode') as ChannelSettings['mode'] | null;
  const typed = options.getString('story');
  let story = current.story;
  if (typed !== null) {
    if (typed.trim().toLowerCase() === ANY_STORY) story = undefined;
    else {
      const choice = chooseStory(storiesIn(context.articles, interaction.guildId), typed);
      if (!choice.ok) return choice.message;
      story = choice.article?.id;
    }
  }
  return {
    mode: mode ?? current.mode,
    threads: options.getBoolean('threads') ?? current.threads,
    private: options.getBoolean('private') ?? current.private,
    ...(story !== undefined ? { story } : {}),
  };
}

/**
 * `/config set|show`: per-channel settings for members with Manage Server. Discord hides the
 * command from others by default, but server admins can grant it to anyone, so the member's
 * permissions in the interaction are checked here too.
 */
async function execute(context: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  if (!interaction.inGuild()) return tellPrivately(interaction, 'Channel settings exist only in servers.');
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild))
    return tellPrivately(interaction, NEEDS_PERMISSION);
  const channelId = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
  const current = await context.channelSettings.get(channelId);
  if (interaction.options.getSubcommand() === 'show')
    return tellPrivately(interaction, describeSettings(context, channelId, current));
  const next = applyOptions(context, interaction, current?.settings ?? DEFAULT_CHANNEL_SETTINGS);
  if (typeof next === 'string') return tellPrivately(interaction, next);
  const entry = {
    channelId,
    guildId: interaction.guildId,
    settings: next,
    updatedBy: interaction.user.id,
    updatedAt: new Date(context.now()).toISOString(),
  };
  await context.channelSettings.set(entry);
  context.logger.info(
    { event: 'config', guildId: interaction.guildId, channelId, settings: next },
    'channel settings changed',
  );
  await tellPrivately(interaction, `Saved. ${describeSettings(context, channelId, entry)}`);
}

function data(setup: CommandSetup) {
  const channelOption = (description: string) => (option: SlashCommandChannelOption) =>
    option
      .setName('channel')
      .setDescription(description)
      .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement);
  return new SlashCommandBuilder()
    .setName('config')
    .setDescription('Channel settings: mode, threads, private answers, story (Manage Server)')
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommand((sub) => {
      sub
        .setName('set')
        .setDescription('Change how I answer in a channel (options left out keep their value)')
        .addStringOption((option) =>
          option
            .setName('mode')
            .setDescription('Answer when mentioned, or treat every message as a question')
            .addChoices(
              { name: 'Only when mentioned or replied to', value: 'mention' },
              { name: 'Every message is a question (dedicated channel)', value: 'every-message' },
            ),
        )
        .addBooleanOption((option) => option.setName('threads').setDescription('Open a thread per question'))
        .addBooleanOption((option) =>
          option.setName('private').setDescription('Answer /ask privately by default'),
        )
        .addChannelOption(channelOption('Which channel (default: this one)'));
      if (setup.articles.length > 1)
        sub.addStringOption((option) =>
          option
            .setName('story')
            .setDescription(`The channel's story ("${ANY_STORY}" for none)`)
            .setAutocomplete(true),
        );
      return sub;
    })
    .addSubcommand((sub) =>
      sub
        .setName('show')
        .setDescription("Show a channel's settings")
        .addChannelOption(channelOption('Which channel (default: this one)')),
    )
    .toJSON();
}

export const configCommand: Command = { name: 'config', data, execute };
