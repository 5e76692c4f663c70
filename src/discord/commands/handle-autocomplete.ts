import type { AutocompleteInteraction } from 'discord.js';
import type { Logger } from '../../logging/logger.js';
import { paragraphChoices, storyChoices } from './autocomplete.js';
import type { BotContext } from '../deliver/context.js';
import { chooseStory, storiesIn } from '../deliver/stories.js';

/** Autocomplete for `story` and `paragraph`. Never throws: a failure offers no choices. */
export async function handleAutocomplete(
  context: BotContext,
  interaction: AutocompleteInteraction,
): Promise<void> {
  try {
    await interaction.respond(choicesFor(context, interaction));
  } catch (error) {
    logAutocompleteFailure(context.logger, interaction, error);
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
  }
}

function choicesFor(context: BotContext, interaction: AutocompleteInteraction) {
  const focused = interaction.options.getFocused(true);
  const articles = storiesIn(context.articles, interaction.guildId);
  if (focused.name === 'story') return storyChoices(articles, focused.value);
  if (focused.name === 'paragraph') {
    const story = chooseStory(articles, interaction.options.getString('story'));
    const article = (story.ok ? story.article : undefined) ?? articles[0];
    return article ? paragraphChoices(article, focused.value) : [];
  }
  return [];
}

function logAutocompleteFailure(logger: Logger, interaction: AutocompleteInteraction, error: unknown): void {
  logger.warn(
    {
      event: 'autocomplete',
      command: interaction.commandName,
      userId: interaction.user.id,
      guildId: interaction.guildId,
      err: error,
    },
    'autocomplete failed',
  );
}
